//! Timing: repeated runs summarised as min / median / max.

use std::time::{Duration, Instant};

/// Runs after the warm-up, when the warm-up is quick enough.
pub const RUNS: usize = 5;
/// A warm-up slower than this is reported on its own, as a single run.
pub const SLOW: Duration = Duration::from_secs(20);

/// The times of the measured runs.
pub struct Samples {
    /// Sorted, shortest first.
    times: Vec<Duration>,
}

impl Samples {
    /// The shortest run.
    pub fn min(&self) -> Duration {
        self.times[0]
    }

    /// The median run (the upper one of an even count).
    pub fn median(&self) -> Duration {
        self.times[self.times.len() / 2]
    }

    /// The longest run.
    pub fn max(&self) -> Duration {
        self.times[self.times.len() - 1]
    }

    /// How many runs were measured.
    pub fn runs(&self) -> usize {
        self.times.len()
    }
}

/// Times `f`: one warm-up, then [`RUNS`] measured runs; when the warm-up
/// takes longer than [`SLOW`] it is the only run, reported as measured.
/// Every run's answer goes through `check`; the first error stops.
pub fn measure<T>(
    mut f: impl FnMut() -> Result<T, String>,
    mut check: impl FnMut(&T) -> Result<(), String>,
) -> Result<Samples, String> {
    let (warm_up, answer) = timed(&mut f)?;
    check(&answer)?;
    if warm_up > SLOW {
        return Ok(Samples {
            times: vec![warm_up],
        });
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let (t, answer) = timed(&mut f)?;
        check(&answer)?;
        times.push(t);
    }
    times.sort();
    Ok(Samples { times })
}

/// Runs `f` once and says how long it took.
pub fn timed<T>(f: &mut impl FnMut() -> Result<T, String>) -> Result<(Duration, T), String> {
    let start = Instant::now();
    let answer = f()?;
    Ok((start.elapsed(), answer))
}

/// A duration in the most readable unit: `812 µs`, `12.3 ms`, `4.56 s`.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 1.0 {
        format!("{secs:.2} s")
    } else if secs >= 1e-3 {
        format!("{:.1} ms", secs * 1e3)
    } else {
        format!("{:.0} µs", secs * 1e6)
    }
}

/// A rate with thousands separators: `123,456/s`.
pub fn rate(count: u64, d: Duration) -> String {
    let per_sec = count as f64 / d.as_secs_f64().max(1e-9);
    format!("{}/s", thousands(per_sec.round() as u64))
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
