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

/// The TCK error details quiver raises (`Then a SyntaxError should be raised
/// at compile time: UndefinedVariable`), plus quiver's own for what the TCK
/// does not cover (storage, limits, files). [`Detail::name`] is the name the
/// JSON output and the TCK use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Detail {
    /// An expression mixes aggregates with grouping keys it does not name.
    AmbiguousAggregationExpression,
    /// A file given to import does not hold what its format says.
    BadImportData,
    /// The statement was cancelled (Ctrl-C, or `Interrupter::interrupt`).
    Cancelled,
    /// Two columns of one projection have the same name.
    ColumnNameConflict,
    /// A write would break a declared constraint.
    CreateBlockedByConstraint,
    /// `CREATE` was given a variable-length relationship.
    CreatingVarLength,
    /// Another process holds the database file's lock.
    DatabaseLocked,
    /// The database file cannot be used.
    DatabaseUnavailable,
    /// A node with relationships was deleted without `DETACH`.
    DeleteConnectedNode,
    /// A node or relationship deleted earlier in the transaction was read.
    DeletedEntityAccess,
    /// The parts of a `UNION` return different columns.
    DifferentColumnsInUnion,
    /// The disk had no room for a write.
    DiskFull,
    /// An integer was divided by zero.
    DivisionByZero,
    /// `LOAD CSV` named a file outside the directories it may read.
    FileAccessDenied,
    /// A float computation overflowed.
    FloatingPointOverflow,
    /// An integer computation overflowed 64 bits.
    IntegerOverflow,
    /// An aggregate stands where none may.
    InvalidAggregation,
    /// A procedure was called with arguments in a form it does not take.
    InvalidArgumentPassingMode,
    /// A value of the wrong type reached an operator or function.
    InvalidArgumentType,
    /// An argument has the right type but a bad value.
    InvalidArgumentValue,
    /// Clauses are combined in an order the language forbids.
    InvalidClauseComposition,
    /// `DELETE` was given something that is not an entity or a path.
    InvalidDelete,
    /// A string literal holds an unknown escape.
    InvalidEscapeSequence,
    /// A CSV field terminator is not one character.
    InvalidFieldTerminator,
    /// A number literal is malformed or out of range.
    InvalidNumberLiteral,
    /// A function was called with too few or too many arguments.
    InvalidNumberOfArguments,
    /// A parameter stands where parameters may not.
    InvalidParameterUse,
    /// A procedure was declared with a bad signature.
    InvalidProcedureSignature,
    /// A procedure's rows do not match its signature.
    InvalidProcedureTable,
    /// A value that cannot be stored was given as a property.
    InvalidPropertyType,
    /// A relationship pattern is malformed (`-[*-1]->`: a negative length).
    InvalidRelationshipPattern,
    /// A shortest-path pattern has a shape it cannot take.
    InvalidShortestPath,
    /// The text holds a character the language does not allow there.
    InvalidUnicodeCharacter,
    /// A `\\u` escape names no character.
    InvalidUnicodeLiteral,
    /// The operating system or a file failed.
    IoError,
    /// `LOAD CSV` could not read its file.
    LoadCsvFailed,
    /// A map was indexed with something other than a string.
    MapElementAccessByNonString,
    /// The statement needed more memory than its limit.
    MemoryLimitExceeded,
    /// A `MERGE` would read what it wrote itself.
    MergeReadOwnWrites,
    /// A `$parameter` was used but not given.
    MissingParameter,
    /// A function got a negative integer where it needs none.
    NegativeIntegerArgument,
    /// An aggregate stands inside another.
    NestedAggregation,
    /// A projected expression needs an alias.
    NoExpressionAlias,
    /// `COMMIT` or `ROLLBACK` without a `BEGIN`.
    NoOpenTransaction,
    /// A relationship to create has no type or more than one.
    NoSingleRelationshipType,
    /// `RETURN *` or `WITH *` with no variables.
    NoVariablesInScope,
    /// A node id names no node.
    NodeNotFound,
    /// An expression must be constant (e.g. `SKIP`, `LIMIT`).
    NonConstantExpression,
    /// The text is not a statement.
    NotAQuery,
    /// A number is out of the range its place allows.
    NumberOutOfRange,
    /// `CALL` names no procedure.
    ProcedureNotFound,
    /// The statement ran past its timeout.
    QueryTimeout,
    /// A write was refused: the database was opened read-only.
    ReadOnlyDatabase,
    /// A pattern uses one relationship twice.
    RelationshipUniquenessViolation,
    /// A relationship to create has no direction.
    RequiresDirectedRelationship,
    /// An index or constraint was declared inside an explicit transaction.
    SchemaInTransaction,
    /// An index or constraint is declared twice.
    SchemaObjectAlreadyExists,
    /// A dropped index or constraint does not exist.
    SchemaObjectNotFound,
    /// The database file could not be read or written.
    StorageFailure,
    /// `BEGIN` while a transaction is open.
    TransactionAlreadyOpen,
    /// An operation needs no transaction to be open.
    TransactionOpen,
    /// A variable is used before it is bound.
    UndefinedVariable,
    /// The text does not parse.
    UnexpectedSyntax,
    /// A write would give two nodes the same unique property.
    UniquenessViolation,
    /// A call names no function.
    UnknownFunction,
    /// A value would be too large (or too deeply nested) to hold.
    ValueTooLarge,
    /// A variable is bound twice.
    VariableAlreadyBound,
    /// A variable is used as two kinds of thing.
    VariableTypeConflict,
}

/// Declares [`Detail::name`] and [`Detail::from_name`] from one list.
macro_rules! detail_names {
    ($($variant:ident)*) => {
        impl Detail {
            /// The detail's name, e.g. `UndefinedVariable`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Detail::$variant => stringify!($variant),)*
                }
            }

            /// The detail with this name, if there is one.
            pub fn from_name(name: &str) -> Option<Detail> {
                match name {
                    $(stringify!($variant) => Some(Detail::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

detail_names! {
    AmbiguousAggregationExpression BadImportData Cancelled ColumnNameConflict
    CreateBlockedByConstraint CreatingVarLength DatabaseLocked
    DatabaseUnavailable DeleteConnectedNode DeletedEntityAccess
    DifferentColumnsInUnion DiskFull DivisionByZero FileAccessDenied
    FloatingPointOverflow IntegerOverflow InvalidAggregation
    InvalidArgumentPassingMode InvalidArgumentType InvalidArgumentValue
    InvalidClauseComposition InvalidDelete InvalidEscapeSequence
    InvalidFieldTerminator InvalidNumberLiteral InvalidNumberOfArguments
    InvalidParameterUse InvalidProcedureSignature InvalidProcedureTable
    InvalidPropertyType InvalidRelationshipPattern InvalidShortestPath InvalidUnicodeCharacter
    InvalidUnicodeLiteral IoError LoadCsvFailed MapElementAccessByNonString
    MemoryLimitExceeded MergeReadOwnWrites MissingParameter
    NegativeIntegerArgument NestedAggregation NoExpressionAlias
    NoOpenTransaction NoSingleRelationshipType NoVariablesInScope NodeNotFound
    NonConstantExpression NotAQuery NumberOutOfRange ProcedureNotFound
    QueryTimeout ReadOnlyDatabase RelationshipUniquenessViolation
    RequiresDirectedRelationship SchemaInTransaction SchemaObjectAlreadyExists
    SchemaObjectNotFound StorageFailure TransactionAlreadyOpen TransactionOpen
    UndefinedVariable UnexpectedSyntax UniquenessViolation UnknownFunction
    ValueTooLarge VariableAlreadyBound VariableTypeConflict
}

impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
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
    /// The TCK error detail, e.g. [`Detail::UndefinedVariable`].
    pub detail: Detail,
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
        detail: Detail,
        message: impl Into<String>,
        span: Option<Span>,
    ) -> Error {
        Error {
            kind,
            detail,
            phase: Phase::Compile,
            message: message.into(),
            span,
        }
    }

    /// A runtime error.
    pub fn runtime(kind: ErrorKind, detail: Detail, message: impl Into<String>) -> Error {
        Error {
            kind,
            detail,
            phase: Phase::Runtime,
            message: message.into(),
            span: None,
        }
    }

    /// A syntax error at a position.
    pub fn syntax(detail: Detail, message: impl Into<String>, span: Span) -> Error {
        Error::compile(ErrorKind::SyntaxError, detail, message, Some(span))
    }

    /// A runtime type error (`InvalidArgumentType` unless said otherwise).
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::TypeError, Detail::InvalidArgumentType, message)
    }

    /// A runtime argument error with a detail.
    pub fn argument(detail: Detail, message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::ArgumentError, detail, message)
    }

    /// An error of the operating system or the files.
    pub fn io(message: impl Into<String>) -> Error {
        Error::runtime(ErrorKind::IoError, Detail::IoError, message)
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
