//! The argument types of the built-in functions, so that an argument whose
//! type is known before running (a literal: `range(1, 10, 1.5)`,
//! `toUpper(1)`) fails at compile time with `InvalidArgumentType`, as the
//! TCK asks of `properties(1)`. Only types are checked here: a value of the
//! right type that is out of range (`range(1, 10, 0)`) is the function's
//! own runtime `ArgumentError`. Functions not listed (conversions, which
//! take anything, and `coalesce`) are not checked.

use super::types::Type;

/// A number: an integer or a float.
const NUMBER: &[Type] = &[Type::Int, Type::Float];
const INT: &[Type] = &[Type::Int];
const STRING: &[Type] = &[Type::String];
const LIST: &[Type] = &[Type::List];
const ENTITY: &[Type] = &[Type::Node, Type::Rel];

/// The types each argument of `name` (any letter case) may have, in order;
/// `None` for a function whose arguments are not checked. An argument past
/// the end of the list is not checked either.
pub(super) fn parameters(name: &str) -> Option<&'static [&'static [Type]]> {
    Some(match name.to_ascii_lowercase().as_str() {
        "tolower" | "toupper" | "trim" | "ltrim" | "rtrim" => &[STRING],
        "substring" => &[STRING, INT, INT],
        "left" | "right" => &[STRING, INT],
        "replace" => &[STRING, STRING, STRING],
        "split" => &[STRING, &[Type::String, Type::List]],
        "range" => &[INT, INT, INT],
        "head" | "last" | "tail" => &[LIST],
        "reverse" => &[&[Type::String, Type::List]],
        "isempty" => &[&[Type::String, Type::List, Type::Map]],
        "id" | "elementid" => &[ENTITY],
        "abs" | "sign" | "floor" | "ceil" | "sqrt" | "exp" | "log" | "log10" | "sin" | "cos"
        | "tan" | "cot" | "asin" | "acos" | "atan" | "degrees" | "radians" | "haversin"
        | "stdev" | "stdevp" => &[NUMBER],
        "atan2" | "percentiledisc" | "percentilecont" => &[NUMBER, NUMBER],
        "round" => &[NUMBER, INT, STRING],
        "sum" | "avg" => &[NUMBER],
        _ => return None,
    })
}
