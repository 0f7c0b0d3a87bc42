//! Small text helpers every stage may use: the nearest names for every
//! "did you mean", durations and sizes as people write them.

use std::time::Duration;

/// How letter case counts when [`nearest`] compares names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Names are compared in lower case: `TOUPPER` is `toUpper`.
    Ignored,
    /// Every letter counts, except that a candidate equal to the name but
    /// for letter case is at distance 0, nearer than any other.
    Counted,
}

/// The one "did you mean" search: the candidates nearest to `name` by
/// Levenshtein distance in characters (strsim), each only within its own
/// `max_distance(candidate)`. All those at the smallest distance, in the
/// order given; empty when no candidate is within its bound.
pub(crate) fn nearest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max_distance: impl Fn(&str) -> usize,
    case: Case,
) -> Vec<&'a str> {
    let lower = name.to_lowercase();
    let mut best: Option<usize> = None;
    let mut found = Vec::new();
    for candidate in candidates {
        let folded = candidate.to_lowercase();
        let distance = match case {
            _ if folded == lower => 0,
            Case::Ignored => strsim::levenshtein(&lower, &folded),
            Case::Counted => strsim::levenshtein(name, candidate),
        };
        if distance > max_distance(candidate) || best.is_some_and(|b| distance > b) {
            continue;
        }
        if best != Some(distance) {
            best = Some(distance);
            found.clear();
        }
        found.push(candidate);
    }
    found
}

/// The candidate nearest to `name` as [`nearest`] finds them; the first
/// of equals.
pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max_distance: impl Fn(&str) -> usize,
    case: Case,
) -> Option<&'a str> {
    nearest(name, candidates, max_distance, case)
        .into_iter()
        .next()
}

/// `2.5GiB` → `(2.5, "GiB")`: a non-negative number and the text after it.
#[cfg(feature = "cli")]
fn number_and_unit(text: &str) -> Option<(f64, &str)> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    Some((number.parse().ok()?, unit))
}

/// A duration as people write it on a command line: `30s`, `500ms`,
/// `2m`, `1h`, `1.5s`, `250us`; a bare number is seconds. `None` when it
/// is not one, or too large.
#[cfg(feature = "cli")]
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let (number, unit) = number_and_unit(text)?;
    let seconds = match unit.trim() {
        "" | "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "ms" | "millis" => 1e-3,
        "us" | "µs" | "micros" => 1e-6,
        "ns" | "nanos" => 1e-9,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hour" | "hours" => 3600.0,
        _ => return None,
    };
    // Longer than a hundred years is a mistake, not a wish.
    let seconds = number * seconds;
    (seconds <= 100.0 * 365.25 * 86400.0)
        .then(|| Duration::try_from_secs_f64(seconds).ok())
        .flatten()
}

/// A size in bytes as people write it: `2GiB`, `512MiB`, `100kB`, `2G`
/// (binary multiples, as for memory), `1.5GiB`, or a bare number of bytes.
#[cfg(feature = "cli")]
pub(crate) fn parse_size(text: &str) -> Option<u64> {
    let (number, unit) = number_and_unit(text)?;
    let unit = unit.trim().to_ascii_lowercase();
    let factor: f64 = match unit.trim_end_matches('b').trim_end_matches('i') {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * factor).round();
    (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// A duration for messages: `30s`, `1.5s`, `500ms`, `2m`.
pub(crate) fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms == 0 {
        format!("{}µs", d.as_micros())
    } else if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(60_000) {
        format!("{}m", ms / 60_000)
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{}s", d.as_secs_f64())
    }
}

/// A size for messages: `512 B`, `1.5 KiB`, `2 GiB`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || value.fract() == 0.0 {
        format!("{value} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Some(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1.5s"), Some(Duration::from_millis(1500)));
        assert_eq!(parse_duration("7"), Some(Duration::from_secs(7)));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        for bad in [
            "",
            "s",
            "-1s",
            "1x",
            "1e400s",
            "abc",
            "10000000000000000000",
            "200y",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(duration(Duration::from_secs(30)), "30s");
        assert_eq!(duration(Duration::from_millis(500)), "500ms");
        assert_eq!(duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(duration(Duration::from_secs(120)), "2m");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("512MiB"), Some(512 << 20));
        assert_eq!(parse_size("512 mb"), Some(512 << 20));
        assert_eq!(parse_size("100kB"), Some(100 << 10));
        assert_eq!(parse_size("1.5GiB"), Some(3 << 29));
        assert_eq!(parse_size("4096"), Some(4096));
        for bad in ["", "GiB", "-1G", "1X", "1e30T"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(2 << 30), "2 GiB");
        assert_eq!(bytes(3 << 29), "1.5 GiB");
    }

    #[test]
    fn the_nearest_names() {
        let within = |n: usize| move |_: &str| n;
        // Levenshtein in characters: `kitten` is 3 edits from `sitting`.
        assert_eq!(
            closest("kitten", ["sitting"], within(3), Case::Counted),
            Some("sitting")
        );
        assert_eq!(
            closest("kitten", ["sitting"], within(2), Case::Counted),
            None
        );
        assert_eq!(
            closest("ソニー", ["ソニ"], within(1), Case::Counted),
            Some("ソニ")
        );
        assert_eq!(closest("", ["abc"], within(3), Case::Ignored), Some("abc"));
        // The nearest wins; the first of equals.
        assert_eq!(
            closest("abcd", ["abxx", "abcx", "abcy"], within(2), Case::Ignored),
            Some("abcx")
        );
        assert_eq!(
            nearest(
                "abcd",
                ["abxx", "abcy", "abcx", "zzzz"],
                within(4),
                Case::Ignored
            ),
            vec!["abcy", "abcx"]
        );
        assert_eq!(
            nearest("abcd", ["wxyz"], within(3), Case::Ignored),
            Vec::<&str>::new()
        );
        // Each candidate has its own bound.
        let by_length = |c: &str| c.len() / 3;
        assert_eq!(closest("abcd", ["abxx"], by_length, Case::Ignored), None);
        assert_eq!(
            closest("abcdef", ["abcdex"], by_length, Case::Ignored),
            Some("abcdex")
        );
    }

    #[test]
    fn letter_case() {
        let within = |n: usize| move |_: &str| n;
        // Ignored: compared in lower case.
        assert_eq!(
            closest("TOUPER", ["toUpper"], within(1), Case::Ignored),
            Some("toUpper")
        );
        // Counted: every letter counts...
        assert_eq!(
            closest("TOUPER", ["toUpper"], within(1), Case::Counted),
            None
        );
        assert_eq!(
            closest("Ownz", ["owns"], within(2), Case::Counted),
            Some("owns")
        );
        assert_eq!(closest("Ownz", ["owns"], within(1), Case::Counted), None);
        // ...but the same name in another case is nearest of all.
        assert_eq!(
            closest("PERSON", ["Persons", "person"], within(2), Case::Counted),
            Some("person")
        );
        assert_eq!(
            closest("PERSON", ["Persons"], within(2), Case::Counted),
            None
        );
    }
}
