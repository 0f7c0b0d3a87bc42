//! Reading JSON text as quiver's values need it. serde_json parses, and
//! then every integer literal (a number written without `.` or exponent)
//! must fit in a 64-bit integer: serde_json would quietly make a float of
//! `-9223372036854775809`, and quiver refuses it as it refuses
//! `9223372036854775808`. A number with `.` or an exponent is a float.

use serde_json::Value as Json;

/// Why JSON text was refused, and where (1-based line and column, the
/// column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong.
    pub message: String,
    /// The line.
    pub line: usize,
    /// The column.
    pub column: usize,
}

/// Parses `text` as one JSON value whose integers all fit in 64 bits.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let json: Json = serde_json::from_str(text).map_err(|e| JsonError {
        message: without_position(&e),
        line: e.line().max(1),
        column: e.column().max(1),
    })?;
    check_integers(text)?;
    Ok(json)
}

/// serde_json's message without the " at line L column C" it appends.
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Refuses the first integer literal of `text` (valid JSON) that does not
/// fit in an `i64`.
pub fn check_integers(text: &str) -> Result<(), JsonError> {
    let bytes = text.as_bytes();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b'"' => {
                // A string: skip to its closing quote (JSON strings hold
                // no raw line breaks).
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let literal = &text[start..i];
                let integer = !literal.contains(['.', 'e', 'E']);
                if integer && literal.parse::<i64>().is_err() {
                    return Err(JsonError {
                        message: format!("{literal} does not fit in a 64-bit integer"),
                        line,
                        column: text[line_start..start].chars().count() + 1,
                    });
                }
            }
            _ => i += 1,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> (String, usize, usize) {
        let e = parse(text).unwrap_err();
        (e.message, e.line, e.column)
    }

    #[test]
    fn integers_fit_or_are_refused() {
        assert_eq!(parse("-9223372036854775808").unwrap(), Json::from(i64::MIN));
        assert_eq!(
            refused("-9223372036854775809"),
            (
                "-9223372036854775809 does not fit in a 64-bit integer".into(),
                1,
                1
            )
        );
        assert_eq!(
            refused("{\"a\": \"é-99999999999999999999\",\n  \"b\": [1, 18446744073709551616]}"),
            (
                "18446744073709551616 does not fit in a 64-bit integer".into(),
                2,
                12
            )
        );
        // Floats stay floats, however large.
        assert_eq!(
            parse("[-9223372036854775809.0, 1E2]").unwrap().to_string(),
            "[-9.223372036854776e+18,100.0]"
        );
        assert_eq!(refused("[1e400]"), ("number out of range".into(), 1, 6));
        assert!(parse(r#"{"k\"": 99999999999999999999.5}"#).is_ok());
    }

    #[test]
    fn syntax_errors_say_where() {
        assert_eq!(
            refused("{\"a\": 1,\n \"b\": }"),
            ("expected value".into(), 2, 7)
        );
    }
}
