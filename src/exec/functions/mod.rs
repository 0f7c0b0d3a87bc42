//! Scalar functions: `toUpper`, `size`, `labels`, `range`, ...
//!
//! [`call`] looks a function up by name (case-insensitively) in one table,
//! checks the argument count, turns a `null` argument into a `null` result
//! for the functions that are strict in their arguments, and runs it.
//! Aggregates (`count`, `sum`, ...) are known here by name only; the
//! executor computes them.

use crate::error::Detail;
use crate::text::{Case, closest};
mod convert;
mod graph;
mod list;
mod math;
mod string;
mod temporal;
mod temporal_calc;

use crate::error::{Error, ErrorKind, Phase, Result};
use crate::exec::clock::Clock;
use crate::exec::history::{self, HistoryCtx};
use crate::store::Graph;
use crate::value::Value;
use std::sync::OnceLock;

/// The body of a scalar function: evaluated arguments in, a value out.
#[derive(Clone, Copy)]
enum Body {
    /// Reads the graph (entities' labels, properties, ...).
    Graph(GraphBody),
    /// Reads the statement's clocks (temporal functions).
    Clock(ClockBody),
    /// Reads the commit history.
    History(HistoryBody),
}

/// One scalar function.
struct Spec {
    /// The canonical spelling.
    name: &'static str,
    /// The fewest arguments.
    min: usize,
    /// The most arguments; `None` for any number.
    max: Option<usize>,
    /// Whether any `null` argument makes the result `null` without running
    /// the body (false only for `coalesce` and `exists`).
    strict: bool,
    body: Body,
}

/// The body of a function that reads the graph.
type GraphBody = fn(&[Value], &Graph) -> Result<Value>;

/// The body of a temporal function.
type ClockBody = fn(&[Value], &Clock) -> Result<Value>;

/// The body of a function that reads the commit history.
type HistoryBody = fn(&[Value], &Graph, &HistoryCtx<'_>) -> Result<Value>;

/// A function whose result is `null` when an argument is.
const fn f(name: &'static str, min: usize, max: usize, body: GraphBody) -> Spec {
    Spec {
        strict: true,
        ..lenient(name, min, Some(max), body)
    }
}

/// A function that runs also when an argument is `null`.
const fn lenient(name: &'static str, min: usize, max: Option<usize>, body: GraphBody) -> Spec {
    Spec {
        name,
        min,
        max,
        strict: false,
        body: Body::Graph(body),
    }
}

/// A temporal function whose result is `null` when an argument is.
const fn t(name: &'static str, min: usize, max: usize, body: ClockBody) -> Spec {
    Spec {
        name,
        min,
        max: Some(max),
        strict: true,
        body: Body::Clock(body),
    }
}

/// Every scalar function, grouped as the submodules are.
static SCALARS: &[Spec] = &[
    // graph
    f("id", 1, 1, graph::id),
    f("elementId", 1, 1, graph::element_id),
    f("labels", 1, 1, graph::labels),
    f("type", 1, 1, graph::rel_type),
    f("properties", 1, 1, graph::properties),
    f("keys", 1, 1, graph::keys),
    f("startNode", 1, 1, graph::start_node),
    f("endNode", 1, 1, graph::end_node),
    f("nodes", 1, 1, graph::nodes),
    f("relationships", 1, 1, graph::relationships),
    Spec {
        name: "history",
        min: 1,
        max: Some(1),
        strict: true,
        body: Body::History(history::history_fn),
    },
    Spec {
        name: "sources",
        min: 1,
        max: Some(2),
        strict: true,
        body: Body::History(history::sources_fn),
    },
    f("length", 1, 1, graph::length),
    lenient("exists", 1, Some(1), graph::exists),
    // lists
    f("size", 1, 1, list::size),
    f("head", 1, 1, list::head),
    f("last", 1, 1, list::last),
    f("tail", 1, 1, list::tail),
    f("range", 2, 3, list::range),
    f("reverse", 1, 1, list::reverse),
    f("isEmpty", 1, 1, list::is_empty),
    lenient("coalesce", 1, None, list::coalesce),
    // strings
    f("toLower", 1, 1, string::to_lower),
    f("toUpper", 1, 1, string::to_upper),
    f("trim", 1, 1, string::trim),
    f("ltrim", 1, 1, string::ltrim),
    f("rtrim", 1, 1, string::rtrim),
    f("substring", 2, 3, string::substring),
    f("left", 2, 2, string::left),
    f("right", 2, 2, string::right),
    f("replace", 3, 3, string::replace),
    f("split", 2, 2, string::split),
    f("char_length", 1, 1, string::char_length),
    f("character_length", 1, 1, string::char_length),
    // conversions
    f("toString", 1, 1, convert::to_string),
    f("toStringOrNull", 1, 1, convert::to_string_or_null),
    f("toInteger", 1, 1, convert::to_integer),
    f("toIntegerOrNull", 1, 1, convert::to_integer_or_null),
    f("toFloat", 1, 1, convert::to_float),
    f("toFloatOrNull", 1, 1, convert::to_float_or_null),
    f("toBoolean", 1, 1, convert::to_boolean),
    f("toBooleanOrNull", 1, 1, convert::to_boolean_or_null),
    f("toStringList", 1, 1, convert::to_string_list),
    f("toIntegerList", 1, 1, convert::to_integer_list),
    f("toFloatList", 1, 1, convert::to_float_list),
    f("toBooleanList", 1, 1, convert::to_boolean_list),
    // numbers
    f("abs", 1, 1, math::abs),
    f("sign", 1, 1, math::sign),
    f("round", 1, 3, math::round),
    f("floor", 1, 1, math::floor),
    f("ceil", 1, 1, math::ceil),
    f("sqrt", 1, 1, math::sqrt),
    f("exp", 1, 1, math::exp),
    f("log", 1, 1, math::log),
    f("log10", 1, 1, math::log10),
    f("sin", 1, 1, math::sin),
    f("cos", 1, 1, math::cos),
    f("tan", 1, 1, math::tan),
    f("cot", 1, 1, math::cot),
    f("asin", 1, 1, math::asin),
    f("acos", 1, 1, math::acos),
    f("atan", 1, 1, math::atan),
    f("atan2", 2, 2, math::atan2),
    f("degrees", 1, 1, math::degrees),
    f("radians", 1, 1, math::radians),
    f("haversin", 1, 1, math::haversin),
    f("pi", 0, 0, math::pi),
    f("e", 0, 0, math::e),
    f("rand", 0, 0, math::rand),
    f("randomUUID", 0, 0, math::random_uuid),
    f("isNaN", 1, 1, math::is_nan),
    // temporal values: construction, clocks, parsing (temporal.rs)
    t("date", 0, 1, temporal::date),
    t("date.realtime", 0, 1, temporal::date_realtime),
    t("date.statement", 0, 1, temporal::date_statement),
    t("date.transaction", 0, 1, temporal::date_transaction),
    t("localtime", 0, 1, temporal::localtime),
    t("localtime.realtime", 0, 1, temporal::localtime_realtime),
    t("localtime.statement", 0, 1, temporal::localtime_statement),
    t(
        "localtime.transaction",
        0,
        1,
        temporal::localtime_transaction,
    ),
    t("time", 0, 1, temporal::time),
    t("time.realtime", 0, 1, temporal::time_realtime),
    t("time.statement", 0, 1, temporal::time_statement),
    t("time.transaction", 0, 1, temporal::time_transaction),
    t("localdatetime", 0, 1, temporal::localdatetime),
    t(
        "localdatetime.realtime",
        0,
        1,
        temporal::localdatetime_realtime,
    ),
    t(
        "localdatetime.statement",
        0,
        1,
        temporal::localdatetime_statement,
    ),
    t(
        "localdatetime.transaction",
        0,
        1,
        temporal::localdatetime_transaction,
    ),
    t("datetime", 0, 1, temporal::datetime),
    t("datetime.realtime", 0, 1, temporal::datetime_realtime),
    t("datetime.statement", 0, 1, temporal::datetime_statement),
    t("datetime.transaction", 0, 1, temporal::datetime_transaction),
    t("datetime.fromepoch", 2, 2, temporal::datetime_fromepoch),
    t(
        "datetime.fromepochmillis",
        1,
        1,
        temporal::datetime_fromepochmillis,
    ),
    t("duration", 1, 1, temporal::duration),
    t("timestamp", 0, 0, temporal::timestamp),
    // temporal values: truncation and durations between (temporal_calc.rs)
    t("date.truncate", 2, 3, temporal_calc::date_truncate),
    t(
        "localtime.truncate",
        2,
        3,
        temporal_calc::localtime_truncate,
    ),
    t("time.truncate", 2, 3, temporal_calc::time_truncate),
    t(
        "localdatetime.truncate",
        2,
        3,
        temporal_calc::localdatetime_truncate,
    ),
    t("datetime.truncate", 2, 3, temporal_calc::datetime_truncate),
    t("duration.between", 2, 2, temporal_calc::duration_between),
    t("duration.inMonths", 2, 2, temporal_calc::duration_in_months),
    t("duration.inDays", 2, 2, temporal_calc::duration_in_days),
    t(
        "duration.inSeconds",
        2,
        2,
        temporal_calc::duration_in_seconds,
    ),
];

/// The aggregate functions with their argument counts; the executor
/// computes them.
static AGGREGATES: &[(&str, usize, usize)] = &[
    ("count", 1, 1),
    ("sum", 1, 1),
    ("avg", 1, 1),
    ("min", 1, 1),
    ("max", 1, 1),
    ("collect", 1, 1),
    ("percentileDisc", 2, 2),
    ("percentileCont", 2, 2),
    ("stDev", 1, 1),
    ("stDevP", 1, 1),
];

fn scalar(name: &str) -> Option<&'static Spec> {
    SCALARS.iter().find(|s| s.name.eq_ignore_ascii_case(name))
}

fn aggregate(name: &str) -> Option<&'static (&'static str, usize, usize)> {
    AGGREGATES.iter().find(|a| a.0.eq_ignore_ascii_case(name))
}

/// Calls the scalar function `name` (any letter case) on evaluated
/// arguments; temporal functions read `clock`.
///
/// An unknown name or a wrong number of arguments is a `SyntaxError`
/// (`UnknownFunction`, `InvalidNumberOfArguments`) which the planner should
/// have reported already; an aggregate name is a `SyntaxError`
/// (`InvalidAggregation`) since aggregates are not computed here.
pub(crate) fn call(
    name: &str,
    args: &[Value],
    graph: &Graph,
    clock: &Clock,
    history: &HistoryCtx<'_>,
) -> Result<Value> {
    let Some(spec) = scalar(name) else {
        if let Some(agg) = aggregate(name) {
            return Err(Error::runtime(
                ErrorKind::SyntaxError,
                Detail::InvalidAggregation,
                format!(
                    "{}() is an aggregate function and cannot be used here",
                    agg.0
                ),
            ));
        }
        return Err(unknown(name));
    };
    if args.len() < spec.min || spec.max.is_some_and(|max| args.len() > max) {
        return Err(Error {
            phase: Phase::Runtime,
            ..wrong_count(spec.name, spec.min, spec.max, args.len())
        });
    }
    if spec.strict && args.iter().any(Value::is_null) {
        return Ok(Value::Null);
    }
    match spec.body {
        Body::Graph(body) => body(args, graph),
        Body::Clock(body) => body(args, clock),
        Body::History(body) => body(args, graph, history),
    }
}

fn unknown(name: &str) -> Error {
    let hint = suggest(name)
        .map(|s| format!(" (did you mean {s}?)"))
        .unwrap_or_default();
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::UnknownFunction,
        format!("Unknown function '{name}'{hint}"),
        None,
    )
}

/// The compile-time error for calling `name` with `got` arguments.
pub(crate) fn wrong_count(name: &str, min: usize, max: Option<usize>, got: usize) -> Error {
    let expected = match max {
        Some(max) if max == min => format!("{min}"),
        Some(max) => format!("{min} to {max}"),
        None => format!("at least {min}"),
    };
    let plural = if expected == "1" { "" } else { "s" };
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::InvalidNumberOfArguments,
        format!("{name}() takes {expected} argument{plural}, got {got}"),
        None,
    )
}

/// Whether `name` (any letter case) is a function quiver knows, scalar or
/// aggregate.
pub(crate) fn is_known(name: &str) -> bool {
    scalar(name).is_some() || aggregate(name).is_some()
}

/// The fewest and most arguments `name` takes (`None` for no limit), or
/// `None` for an unknown function. `count(*)` is written by the parser as
/// a form of its own; here `count` takes one argument.
pub(crate) fn arity(name: &str) -> Option<(usize, Option<usize>)> {
    scalar(name)
        .map(|s| (s.min, s.max))
        .or_else(|| aggregate(name).map(|a| (a.1, Some(a.2))))
}

/// Every function name, scalar and aggregate, in canonical spelling.
pub(crate) fn known_names() -> &'static [&'static str] {
    static NAMES: OnceLock<Vec<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        SCALARS
            .iter()
            .map(|s| s.name)
            .chain(AGGREGATES.iter().map(|a| a.0))
            .collect()
    })
}

/// The known function closest to a misspelt `name`, for "did you mean".
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    closest(
        name,
        known_names().iter().copied(),
        |k| (k.len() / 3).max(1),
        Case::Ignored,
    )
}

// ----- helpers shared by the submodules -------------------------------------

/// A `TypeError` (`InvalidArgumentType`): `func` wanted `expected`.
fn wrong_type(func: &str, expected: &str, got: &Value) -> Error {
    Error::type_error(format!(
        "{func}() expects {expected}, got {}",
        got.type_name()
    ))
}

/// A `TypeError` (`InvalidArgumentValue`): the value cannot be converted
/// or used by `func`, as the TCK expects of conversions and `type()`.
fn wrong_value(func: &str, expected: &str, got: &Value) -> Error {
    Error::runtime(
        ErrorKind::TypeError,
        Detail::InvalidArgumentValue,
        format!("{func}() expects {expected}, got {}", got.type_name()),
    )
}

/// An `ArgumentError` (`NumberOutOfRange`).
fn out_of_range(message: String) -> Error {
    Error::argument(Detail::NumberOutOfRange, message)
}

fn int_arg(func: &str, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => Err(wrong_type(func, "an Integer", v)),
    }
}

fn str_arg<'a>(func: &str, v: &'a Value) -> Result<&'a str> {
    match v {
        Value::String(s) => Ok(s),
        _ => Err(wrong_type(func, "a String", v)),
    }
}

fn num_arg(func: &str, v: &Value) -> Result<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(x) => Ok(*x),
        _ => Err(wrong_type(func, "a number", v)),
    }
}

/// A list of strings.
fn strings<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> Value {
    Value::List(items.into_iter().map(|s| Value::string(s)).collect())
}

#[cfg(test)]
mod tests;
