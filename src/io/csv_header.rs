//! The header line of a Neo4j bulk-importer CSV file: what each column is
//! (`id:ID(Person)`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`,
//! `age:int`, `tags:string[]`, `born:date`, `name`), and how a field of it
//! becomes a value.

use crate::value::{Value, temporal};

/// The type of a property column's values, as Neo4j's importer reads it:
/// the integer types differ in range only (every integer is stored as a
/// 64-bit integer), and a value out of a column's range is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// `byte`: -128 to 127.
    Byte,
    /// `short`: -32768 to 32767.
    Short,
    /// `int`: any 64-bit integer. Neo4j's `int` is 32-bit; quiver stores
    /// every integer in 64 bits and accepts the whole range, so that files
    /// written for other engines with `int` for 64-bit columns import.
    Int,
    /// `long` (also `integer`): a 64-bit integer.
    Long,
    /// `float`, `double`: a 64-bit float (a number too large for one is
    /// refused; `NaN` and `Infinity` are read as such).
    Float,
    /// `boolean`: `true` or `false`.
    Bool,
    /// `string` (the default), `char`.
    String,
    /// `date`: `2025-04-01`, and every form `date('...')` reads.
    Date,
    /// `localtime`: `12:30`.
    LocalTime,
    /// `time`: `12:30+01:00`.
    Time,
    /// `localdatetime`: `2025-04-01T12:30`.
    LocalDateTime,
    /// `datetime`: `2025-04-01T12:30Z`, `2025-04-01T12:30+01:00[Europe/London]`.
    DateTime,
    /// `duration`: `P1Y2M3DT4H`.
    Duration,
}

impl Scalar {
    /// The name the header uses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Scalar::Byte => "byte",
            Scalar::Short => "short",
            Scalar::Int => "int",
            Scalar::Long => "long",
            Scalar::Float => "float",
            Scalar::Bool => "boolean",
            Scalar::String => "string",
            Scalar::Date => "date",
            Scalar::LocalTime => "localtime",
            Scalar::Time => "time",
            Scalar::LocalDateTime => "localdatetime",
            Scalar::DateTime => "datetime",
            Scalar::Duration => "duration",
        }
    }

    /// The temporal type of `value` (what an export writes), `None` for
    /// other values.
    pub(crate) fn of_temporal(value: &Value) -> Option<Scalar> {
        value
            .temporal_text()
            .and_then(|(name, _)| Scalar::from_name(name))
    }

    /// Whether this is one of the six temporal types.
    fn is_temporal(self) -> bool {
        matches!(
            self,
            Scalar::Date
                | Scalar::LocalTime
                | Scalar::Time
                | Scalar::LocalDateTime
                | Scalar::DateTime
                | Scalar::Duration
        )
    }

    fn from_name(name: &str) -> Option<Scalar> {
        Some(match name.to_ascii_lowercase().as_str() {
            "byte" => Scalar::Byte,
            "short" => Scalar::Short,
            "int" => Scalar::Int,
            "long" | "integer" => Scalar::Long,
            "float" | "double" => Scalar::Float,
            "boolean" | "bool" => Scalar::Bool,
            "string" | "char" => Scalar::String,
            "date" => Scalar::Date,
            "localtime" => Scalar::LocalTime,
            "time" => Scalar::Time,
            "localdatetime" => Scalar::LocalDateTime,
            "datetime" => Scalar::DateTime,
            "duration" => Scalar::Duration,
            _ => return None,
        })
    }

    /// The smallest and largest value of an integer type.
    fn range(self) -> Option<(i64, i64)> {
        match self {
            Scalar::Byte => Some((i8::MIN.into(), i8::MAX.into())),
            Scalar::Short => Some((i16::MIN.into(), i16::MAX.into())),
            Scalar::Int | Scalar::Long => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }

    /// The narrowest integer type that holds `n`: `int` or `long` (what
    /// an export writes).
    pub(crate) fn of_integer(n: i64) -> Scalar {
        if i32::try_from(n).is_ok() {
            Scalar::Int
        } else {
            Scalar::Long
        }
    }

    /// Reads one field (never empty) as this type; `Err` says why not.
    pub(crate) fn parse(self, text: &str) -> Result<Value, String> {
        if let Some((min, max)) = self.range() {
            let out_of_range = || {
                format!(
                    "`{text}` is out of range for {} ({min} to {max})",
                    self.name()
                )
            };
            return match text.trim().parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Value::Int(n)),
                Ok(_) => Err(out_of_range()),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                    ) =>
                {
                    Err(out_of_range())
                }
                Err(_) => Err(format!("`{text}` is not an integer")),
            };
        }
        if self.is_temporal() {
            return temporal::parse_value(self.name(), text.trim())
                .map_err(|e| format!("`{text}` is not a {}: {}", self.name(), e.message));
        }
        match self {
            Scalar::Float => match text.trim().parse::<f64>() {
                // `1e999` overflows; `Infinity` and `inf` say what they are.
                Ok(f) if f.is_infinite() && text.chars().any(|c| c.is_ascii_digit()) => {
                    Err(format!("`{text}` is out of range for a float"))
                }
                Ok(f) => Ok(Value::Float(f)),
                Err(_) => Err(format!("`{text}` is not a number")),
            },
            Scalar::Bool => match text.trim().to_ascii_lowercase().as_str() {
                "true" => Ok(Value::Bool(true)),
                "false" => Ok(Value::Bool(false)),
                _ => Err(format!("`{text}` is not a boolean (true or false)")),
            },
            _ => Ok(Value::string(text)),
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Column {
    /// `name:ID(space)`: the node's id in an id space (`""` is the global
    /// one), also stored as the property `name` when there is one.
    Id {
        /// The property that also holds it.
        property: Option<String>,
        /// The id space.
        space: String,
    },
    /// `:LABEL`: extra labels, separated by the array delimiter.
    Label,
    /// `:START_ID(space)`.
    Start(String),
    /// `:END_ID(space)`.
    End(String),
    /// `:TYPE`: the relationship type.
    Type,
    /// `:IGNORE`: skipped.
    Ignore,
    /// `name:type` or `name:type[]`.
    Property {
        /// The property key.
        name: String,
        /// The type of the value (or of each element).
        scalar: Scalar,
        /// Whether the field is a list, split by the array delimiter.
        array: bool,
    },
}

/// A parsed header: one [`Column`] per field, with the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    /// The columns in order.
    pub columns: Vec<Column>,
    /// The header fields as written, for messages.
    pub names: Vec<String>,
}

/// Whether the file holds nodes or relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `--nodes`.
    Nodes,
    /// `--relationships`.
    Relationships,
}

/// Whether `role` (upper-cased) is `KEYWORD` or `KEYWORD(...)`: `None`
/// when it is not, else the id space, or `Err` when what follows the
/// keyword is not one `(name)`.
fn with_space<'a>(role: &'a str, keyword: &str) -> Option<Result<&'a str, String>> {
    let rest = role.strip_prefix(keyword)?;
    if rest.is_empty() {
        return Some(Ok(""));
    }
    if !rest.starts_with('(') {
        return None;
    }
    let space = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .filter(|s| !s.is_empty() && !s.contains(['(', ')']));
    Some(space.ok_or_else(|| {
        format!("after :{keyword} an id space is one name in parentheses, as in :{keyword}(Person)")
    }))
}

/// Reads one header field; `Err` says what is wrong with it.
pub(crate) fn parse_column(field: &str) -> Result<Column, String> {
    let Some(colon) = field.rfind(':') else {
        return Ok(Column::Property {
            name: field.to_string(),
            scalar: Scalar::String,
            array: false,
        });
    };
    let (name, role) = (&field[..colon], &field[colon + 1..]);
    let property = (!name.is_empty()).then(|| name.to_string());
    let upper = role.to_ascii_uppercase();
    let bad = |message: String| format!("`{field}` is not a valid column: {message}");
    if let Some(space) = with_space(&upper, "ID") {
        space.map_err(bad)?;
        return Ok(Column::Id {
            property,
            space: space_of(role),
        });
    }
    if let Some(space) = with_space(&upper, "START_ID") {
        space.map_err(bad)?;
        return Ok(Column::Start(space_of(role)));
    }
    if let Some(space) = with_space(&upper, "END_ID") {
        space.map_err(bad)?;
        return Ok(Column::End(space_of(role)));
    }
    match upper.as_str() {
        "LABEL" => return Ok(Column::Label),
        "TYPE" => return Ok(Column::Type),
        "IGNORE" => return Ok(Column::Ignore),
        _ => {}
    }
    let Some(name) = property else {
        return Err(format!("`{field}` needs a property name before the `:`"));
    };
    let (type_name, array) = match role.strip_suffix("[]") {
        Some(t) => (t, true),
        None => (role, false),
    };
    let scalar = if type_name.is_empty() {
        Scalar::String
    } else {
        Scalar::from_name(type_name).ok_or_else(|| {
            format!(
                "unknown type `{type_name}` in `{field}` (use int, float, boolean, string, \
                 date, localtime, time, localdatetime, datetime or duration)"
            )
        })?
    };
    Ok(Column::Property {
        name,
        scalar,
        array,
    })
}

/// The id space in `START_ID(Space)`, keeping its case.
fn space_of(role: &str) -> String {
    match role.find('(') {
        Some(i) => role[i + 1..].trim_end_matches(')').to_string(),
        None => String::new(),
    }
}

/// Reads a header line of a file of `kind`; `Err` is `(column, message)`
/// with a 1-based column.
pub(crate) fn parse_header(fields: &[String], kind: FileKind) -> Result<Header, (usize, String)> {
    let mut columns = Vec::with_capacity(fields.len());
    for (i, field) in fields.iter().enumerate() {
        let column = parse_column(field).map_err(|m| (i + 1, m))?;
        let misplaced = match (&column, kind) {
            (Column::Id { .. }, FileKind::Relationships) => Some("a relationship file"),
            (Column::Label, FileKind::Relationships) => Some("a relationship file"),
            (Column::Start(_) | Column::End(_) | Column::Type, FileKind::Nodes) => {
                Some("a node file")
            }
            _ => None,
        };
        if let Some(file) = misplaced {
            return Err((i + 1, format!("`{field}` does not belong in {file}")));
        }
        let twice = columns.iter().any(|c: &Column| match (c, &column) {
            (Column::Id { .. }, Column::Id { .. })
            | (Column::Label, Column::Label)
            | (Column::Start(_), Column::Start(_))
            | (Column::End(_), Column::End(_))
            | (Column::Type, Column::Type) => true,
            (Column::Property { name: a, .. }, Column::Property { name: b, .. }) => a == b,
            _ => false,
        });
        if twice {
            return Err((i + 1, format!("`{field}` appears twice in the header")));
        }
        columns.push(column);
    }
    if kind == FileKind::Relationships {
        for (needed, present) in [
            (
                ":START_ID",
                columns.iter().any(|c| matches!(c, Column::Start(_))),
            ),
            (
                ":END_ID",
                columns.iter().any(|c| matches!(c, Column::End(_))),
            ),
        ] {
            if !present {
                return Err((1, format!("a relationship file needs a {needed} column")));
            }
        }
    }
    Ok(Header {
        columns,
        names: fields.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(name: &str, scalar: Scalar, array: bool) -> Column {
        Column::Property {
            name: name.to_string(),
            scalar,
            array,
        }
    }

    #[test]
    fn columns_parse() {
        assert_eq!(
            parse_column("id:ID"),
            Ok(Column::Id {
                property: Some("id".into()),
                space: String::new()
            })
        );
        assert_eq!(
            parse_column(":ID(Person)"),
            Ok(Column::Id {
                property: None,
                space: "Person".into()
            })
        );
        assert_eq!(
            parse_column(":START_ID(Person)"),
            Ok(Column::Start("Person".into()))
        );
        assert_eq!(parse_column(":END_ID"), Ok(Column::End(String::new())));
        assert_eq!(parse_column(":LABEL"), Ok(Column::Label));
        assert_eq!(parse_column(":TYPE"), Ok(Column::Type));
        assert_eq!(parse_column("x:IGNORE"), Ok(Column::Ignore));
        assert_eq!(
            parse_column("name"),
            Ok(prop("name", Scalar::String, false))
        );
        assert_eq!(parse_column("age:int"), Ok(prop("age", Scalar::Int, false)));
        assert_eq!(
            parse_column("score:double"),
            Ok(prop("score", Scalar::Float, false))
        );
        assert_eq!(
            parse_column("ok:boolean"),
            Ok(prop("ok", Scalar::Bool, false))
        );
        assert_eq!(
            parse_column("tags:string[]"),
            Ok(prop("tags", Scalar::String, true))
        );
        assert_eq!(
            parse_column("born:date"),
            Ok(prop("born", Scalar::Date, false))
        );
        assert_eq!(
            parse_column("at:DateTime[]"),
            Ok(prop("at", Scalar::DateTime, true))
        );
        assert_eq!(
            parse_column("born:datum"),
            Err(
                "unknown type `datum` in `born:datum` (use int, float, boolean, string, \
                 date, localtime, time, localdatetime, datetime or duration)"
                    .into()
            )
        );
        for bad in ["id:ID(a)(b)", "id:ID()", ":START_ID(a(b)", ":END_ID((x))"] {
            assert!(
                parse_column(bad)
                    .is_err_and(|m| m.starts_with(&format!("`{bad}` is not a valid column"))),
                "{bad}"
            );
        }
        assert_eq!(
            parse_column("id:ID(a)(b)"),
            Err(
                "`id:ID(a)(b)` is not a valid column: after :ID an id space is one name in \
                 parentheses, as in :ID(Person)"
                    .into()
            )
        );
        assert_eq!(parse_column("n:long"), Ok(prop("n", Scalar::Long, false)));
        assert_eq!(
            parse_column(":int"),
            Err("`:int` needs a property name before the `:`".into())
        );
    }

    #[test]
    fn headers_check_their_file_kind() {
        let fields = |s: &str| s.split(',').map(String::from).collect::<Vec<_>>();
        assert_eq!(
            parse_header(&fields("id:ID,:START_ID"), FileKind::Nodes).map(|_| ()),
            Err((2, "`:START_ID` does not belong in a node file".into()))
        );
        assert_eq!(
            parse_header(&fields(":START_ID,since:int"), FileKind::Relationships).map(|_| ()),
            Err((1, "a relationship file needs a :END_ID column".into()))
        );
        assert_eq!(
            parse_header(&fields("a,b,a"), FileKind::Nodes).map(|_| ()),
            Err((3, "`a` appears twice in the header".into()))
        );
    }

    #[test]
    fn fields_parse_by_type() {
        assert_eq!(Scalar::Int.parse(" 42"), Ok(Value::Int(42)));
        assert_eq!(
            Scalar::Int.parse("4.2"),
            Err("`4.2` is not an integer".into())
        );
        assert_eq!(Scalar::Byte.parse("-128"), Ok(Value::Int(-128)));
        assert_eq!(
            Scalar::Byte.parse("300"),
            Err("`300` is out of range for byte (-128 to 127)".into())
        );
        assert_eq!(
            Scalar::Short.parse("70000"),
            Err("`70000` is out of range for short (-32768 to 32767)".into())
        );
        assert_eq!(Scalar::Int.parse("2147483648"), Ok(Value::Int(2147483648)));
        assert_eq!(
            Scalar::Int.parse("9223372036854775808"),
            Err("`9223372036854775808` is out of range for int \
                 (-9223372036854775808 to 9223372036854775807)"
                .into())
        );
        assert_eq!(
            Scalar::Long.parse("-9223372036854775809"),
            Err("`-9223372036854775809` is out of range for long \
                 (-9223372036854775808 to 9223372036854775807)"
                .into())
        );
        assert_eq!(
            Scalar::Long.parse("9007199254740993"),
            Ok(Value::Int(9007199254740993))
        );
        assert_eq!(Scalar::Float.parse("1e3"), Ok(Value::Float(1000.0)));
        assert_eq!(
            Scalar::Float.parse("1e999"),
            Err("`1e999` is out of range for a float".into())
        );
        assert_eq!(
            Scalar::Float.parse("-Infinity"),
            Ok(Value::Float(f64::NEG_INFINITY))
        );
        assert_eq!(Scalar::Float.parse("x"), Err("`x` is not a number".into()));
        assert_eq!(Scalar::Bool.parse("TRUE"), Ok(Value::Bool(true)));
        assert_eq!(
            Scalar::Bool.parse("yes"),
            Err("`yes` is not a boolean (true or false)".into())
        );
    }
}
