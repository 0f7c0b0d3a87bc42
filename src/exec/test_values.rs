//! Short constructors of values for the executor's unit tests.

use crate::value::Value;

pub fn int(i: i64) -> Value {
    Value::Int(i)
}

pub fn float(f: f64) -> Value {
    Value::Float(f)
}

pub fn s(x: &str) -> Value {
    Value::string(x)
}

pub fn list(items: Vec<Value>) -> Value {
    Value::List(items)
}
