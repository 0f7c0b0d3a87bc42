//! The one error type of the library: a TCK error kind and detail, the phase
//! it was found in, a message for people, and where in the query text it is.

use crate::span::Span;
use std::fmt;

/// The kinds of error the openCypher TCK names (`Then a <Kind> should be raised`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The text is not a query, or names something that does not exist.
    SyntaxError,
    /// The query is well formed but means nothing (e.g. aggregation misuse).
    SemanticError,
    /// A value of the wrong type reached an operator or function.
    TypeError,
    /// A function got an argument of the right type but a bad value.
    ArgumentError,
    /// A write would break a constraint.
    ConstraintVerificationFailed,
    /// A deleted or missing entity was used.
    EntityNotFound,
    /// A procedure call failed.
    ProcedureError,
    /// A `$parameter` was used but not given.
    ParameterMissing,
    /// The database file or the operating system failed.
    IoError,
    /// The statement was stopped by a bound, not by its own fault: it ran
    /// past its timeout (`QueryTimeout`), needed more memory than its limit
    /// (`MemoryLimitExceeded`), or was cancelled (`Cancelled`). It changed
    /// nothing; the same statement may succeed with other bounds.
    TransientError,
}

impl ErrorKind {
    /// The TCK's name for this kind.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::SemanticError => "SemanticError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::ArgumentError => "ArgumentError",
            ErrorKind::ConstraintVerificationFailed => "ConstraintVerificationFailed",
            ErrorKind::EntityNotFound => "EntityNotFound",
            ErrorKind::ProcedureError => "ProcedureError",
            ErrorKind::ParameterMissing => "ParameterMissing",
            ErrorKind::IoError => "IoError",
            ErrorKind::TransientError => "TransientError",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// When an error was found: before anything ran, or while running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Found by the parser or the planner; nothing ran.
    Compile,
    /// Found while executing; the statement's effects were rolled back.
    Runtime,
}

impl Phase {
    /// `compile` or `runtime`, as the JSON contract writes it.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Compile => "compile",
            Phase::Runtime => "runtime",
        }
    }
}

/// An error with everything needed to report it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    /// The TCK error kind.
    pub kind: ErrorKind,
    /// The TCK error detail, e.g. `UndefinedVariable`, `InvalidArgumentType`.
    pub detail: String,
    /// Whether it was found at compile time or at runtime.
    pub phase: Phase,
    /// A sentence for people.
    pub message: String,
    /// Where in the statement text, when known (byte offsets into the whole input).
    pub span: Option<Span>,
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A compile-time error.
    pub fn compile(
        kind: ErrorKind,
        detail: impl Into<String>,
        message: impl Into<String>,
        span: Option<Span>,
    ) -> Error {
        Error {
            kind,
            detail: detail.into(),
            phase: Phase::Compile,
            message: message.into(),
            span,
        }
    }

    /// A runtime error.
    pub fn runtime(
        kind: ErrorKind,
        detail: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error {
            kind,
            detail: detail.into(),
            phase: Phase::Runtime,
            message: message.into(),
            span: None,
        }
    }

    /// A syntax error at a position.
    pub fn syntax(detail: impl Into<String>, message: impl Into<String>, span: Span) -> Error {
        Error::compile(ErrorKind::SyntaxError, detail, message, Some(span))
    }

    /// A runtime type error (`InvalidArgumentType` unless said otherwise).
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::TypeError, "InvalidArgumentType", message)
    }

    /// A runtime argument error with a detail.
    pub fn argument(detail: impl Into<String>, message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::ArgumentError, detail, message)
    }

    /// An error of the operating system or the files.
    pub fn io(message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::IoError, "IoError", message)
    }

    /// The same error with a span, if it had none.
    pub fn at(mut self, span: Span) -> Error {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    /// The same error with all spans moved by `offset` bytes (statements
    /// are parsed one at a time out of a larger text).
    pub fn shifted(mut self, offset: usize) -> Error {
        if let Some(span) = &mut self.span {
            span.start += offset;
            span.end += offset;
        }
        self
    }
}
