//! Numeric functions: `abs`, `sign`, `round`, `floor`, `ceil`, `sqrt`,
//! `exp`, `log`, `log10`, trigonometry, `degrees`, `radians`, `haversin`,
//! `pi`, `e`, `rand`.
//!
//! Results are floats except `abs` of an integer and `sign`. Out-of-domain
//! arguments give NaN or an infinity, as IEEE arithmetic does.

use super::{int_arg, num_arg, str_arg, wrong_type};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::store::Graph;
use crate::value::Value;
use std::cell::Cell;

/// `abs(x)`
pub(super) fn abs(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Int(i) => i.checked_abs().map(Value::Int).ok_or_else(|| {
            Error::runtime(
                ErrorKind::ArgumentError,
                Detail::IntegerOverflow,
                format!("integer overflow: abs({i}) does not fit in 64 bits"),
            )
        }),
        v => Ok(Value::Float(num_arg("abs", v)?.abs())),
    }
}

/// `sign(x)`: -1, 0 or 1 (0 for NaN).
pub(super) fn sign(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Int(i) => Ok(Value::Int(i.signum())),
        v => {
            let x = num_arg("sign", v)?;
            Ok(Value::Int(if x > 0.0 {
                1
            } else if x < 0.0 {
                -1
            } else {
                0
            }))
        }
    }
}

/// How `round(x, precision, mode)` treats the digits it drops, as Java's
/// `RoundingMode` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Up,
    Down,
    Ceiling,
    Floor,
    HalfUp,
    HalfDown,
    HalfEven,
}

impl Mode {
    fn parse(name: &str) -> Result<Mode> {
        Ok(match name.to_ascii_uppercase().as_str() {
            "UP" => Mode::Up,
            "DOWN" => Mode::Down,
            "CEILING" => Mode::Ceiling,
            "FLOOR" => Mode::Floor,
            "HALF_UP" => Mode::HalfUp,
            "HALF_DOWN" => Mode::HalfDown,
            "HALF_EVEN" => Mode::HalfEven,
            _ => {
                return Err(Error::argument(
                    Detail::InvalidArgumentValue,
                    format!(
                        "round() mode must be one of UP, DOWN, CEILING, FLOOR, HALF_UP, \
                         HALF_DOWN, HALF_EVEN; got '{name}'"
                    ),
                ));
            }
        })
    }
}

/// `round(x)`: the nearest whole number, halves rounded up (toward
/// positive infinity). `round(x, precision[, mode])`: rounded to
/// `precision` decimal places, halves away from zero unless `mode` says
/// otherwise; the decimal digits rounded are those `x` is written with.
pub(super) fn round(args: &[Value], _: &Graph) -> Result<Value> {
    let x = num_arg("round", &args[0])?;
    let Some(precision) = args.get(1) else {
        let floor = x.floor();
        return Ok(Value::Float(if x - floor >= 0.5 {
            floor + 1.0
        } else {
            floor
        }));
    };
    let precision = int_arg("round", precision)?;
    let mode = match args.get(2) {
        Some(m) => Mode::parse(str_arg("round", m)?)?,
        None => Mode::HalfUp,
    };
    Ok(Value::Float(round_decimal(x, precision, mode)))
}

/// Rounds the shortest decimal form of `x` to `precision` places.
fn round_decimal(x: f64, precision: i64, mode: Mode) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let negative = x < 0.0;
    // `{:e}` writes the shortest digits that read back as `x`: "2.675e0".
    let written = format!("{:e}", x.abs());
    let Some((mantissa, exponent)) = written.split_once('e') else {
        return x;
    };
    let Ok(exponent) = exponent.parse::<i64>() else {
        return x;
    };
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    // x = 0.d1 d2 d3 ... × 10^(exponent + 1); keep this many leading digits.
    let keep = exponent.saturating_add(1).saturating_add(precision);
    if keep >= digits.len() as i64 {
        return x;
    }
    let (kept, first_dropped, rest_dropped) = if keep < 0 {
        (&digits[..0], 0, true)
    } else {
        let k = keep as usize;
        (
            &digits[..k],
            digits[k],
            digits[k + 1..].iter().any(|&d| d != 0),
        )
    };
    let mut n: u64 = kept.iter().fold(0, |n, &d| n * 10 + u64::from(d));
    let dropped_any = first_dropped != 0 || rest_dropped;
    let odd = n % 2 == 1;
    let up = match mode {
        Mode::Up => dropped_any,
        Mode::Down => false,
        Mode::Ceiling => dropped_any && !negative,
        Mode::Floor => dropped_any && negative,
        Mode::HalfUp => first_dropped >= 5,
        Mode::HalfDown => first_dropped > 5 || (first_dropped == 5 && rest_dropped),
        Mode::HalfEven => first_dropped > 5 || (first_dropped == 5 && (rest_dropped || odd)),
    };
    if up {
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let sign = if negative { "-" } else { "" };
    let magnitude = precision.checked_neg().unwrap_or(i64::MAX);
    format!("{sign}{n}e{magnitude}").parse().unwrap_or(x)
}

fn float_fn(args: &[Value], name: &str, op: fn(f64) -> f64) -> Result<Value> {
    Ok(Value::Float(op(num_arg(name, &args[0])?)))
}

/// `floor(x)`
pub(super) fn floor(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "floor", f64::floor)
}

/// `ceil(x)`
pub(super) fn ceil(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "ceil", f64::ceil)
}

/// `sqrt(x)`
pub(super) fn sqrt(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "sqrt", f64::sqrt)
}

/// `exp(x)`: e to the power x.
pub(super) fn exp(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "exp", f64::exp)
}

/// `log(x)`: the natural logarithm.
pub(super) fn log(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "log", f64::ln)
}

/// `log10(x)`
pub(super) fn log10(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "log10", f64::log10)
}

/// `sin(x)`, x in radians.
pub(super) fn sin(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "sin", f64::sin)
}

/// `cos(x)`
pub(super) fn cos(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "cos", f64::cos)
}

/// `tan(x)`
pub(super) fn tan(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "tan", f64::tan)
}

/// `cot(x)`: 1 / tan(x).
pub(super) fn cot(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "cot", |x| 1.0 / x.tan())
}

/// `asin(x)`
pub(super) fn asin(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "asin", f64::asin)
}

/// `acos(x)`
pub(super) fn acos(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "acos", f64::acos)
}

/// `atan(x)`
pub(super) fn atan(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "atan", f64::atan)
}

/// `atan2(y, x)`: the angle of the point (x, y).
pub(super) fn atan2(args: &[Value], _: &Graph) -> Result<Value> {
    let y = num_arg("atan2", &args[0])?;
    let x = num_arg("atan2", &args[1])?;
    Ok(Value::Float(y.atan2(x)))
}

/// `degrees(x)`: radians to degrees.
pub(super) fn degrees(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "degrees", f64::to_degrees)
}

/// `radians(x)`: degrees to radians.
pub(super) fn radians(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "radians", f64::to_radians)
}

/// `haversin(x)`: half of 1 - cos(x).
pub(super) fn haversin(args: &[Value], _: &Graph) -> Result<Value> {
    float_fn(args, "haversin", |x| (1.0 - x.cos()) / 2.0)
}

/// `pi()`
pub(super) fn pi(_: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::Float(std::f64::consts::PI))
}

/// `e()`
pub(super) fn e(_: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::Float(std::f64::consts::E))
}

thread_local! {
    /// The state of this thread's xorshift generator; 0 until first used.
    static RAND_STATE: Cell<u64> = const { Cell::new(0) };
}

/// A seed from the clock and the address of a local, never 0.
fn seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let local = 0u8;
    let address = &local as *const u8 as u64;
    (nanos ^ address.rotate_left(32)) | 1
}

/// The next 64 random bits of this thread's xorshift64* generator. Not
/// for secrets.
fn next_random() -> u64 {
    RAND_STATE.with(|state| {
        let mut x = state.get();
        if x == 0 {
            x = seed();
        }
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        state.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    })
}

/// `rand()`: a uniformly distributed float in [0, 1). Not for secrets.
pub(super) fn rand(_: &[Value], _: &Graph) -> Result<Value> {
    let bits = next_random();
    Ok(Value::Float((bits >> 11) as f64 / (1u64 << 53) as f64))
}

/// `randomUUID()`: a random (version 4) UUID as a string,
/// `'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'`. Not for secrets.
pub(super) fn random_uuid(_: &[Value], _: &Graph) -> Result<Value> {
    let (hi, lo) = (next_random(), next_random());
    let hi = (hi & !0xF000) | 0x4000; // version 4
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    Ok(Value::from(format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )))
}

/// `isNaN(x)`: whether a number is NaN (an integer never is).
pub(super) fn is_nan(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Int(_) => Ok(Value::Bool(false)),
        Value::Float(f) => Ok(Value::Bool(f.is_nan())),
        v => Err(wrong_type("isNaN", "a number", v)),
    }
}
