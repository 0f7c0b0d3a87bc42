//! The typed syntax tree of a statement. Every node owns its data and
//! carries the span of the text it came from.

use crate::span::Span;
use crate::value::Value;

#[path = "ast_call.rs"]
mod call;
#[path = "ast_walk.rs"]
mod walk;
pub use call::{Call, CallSubquery, Import, YieldItem};

/// A name as written, with where it was written (variables, labels, keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The name, unquoted (backticks removed).
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// One statement (the text between two `;`).
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// What kind of statement.
    pub kind: StatementKind,
    /// The whole statement.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Debug, Clone, PartialEq)]
pub enum StatementKind {
    /// A query, reading and/or writing: `MATCH ... RETURN ...`.
    Query(Query),
    /// `EXPLAIN <query>`: plan it, do not run it.
    Explain(Query),
    /// `PROFILE <query>`: run it and report each operator's rows and time.
    Profile(Query),
    /// `BEGIN`: start a transaction that spans statements.
    Begin,
    /// `COMMIT`: make the open transaction durable.
    Commit,
    /// `ROLLBACK`: take back the open transaction.
    Rollback,
    /// `CREATE INDEX`, `CREATE CONSTRAINT`, `DROP ...`, `SHOW ...`.
    Schema(SchemaCommand),
}

/// Statements about indexes and constraints.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemaCommand {
    /// `CREATE INDEX [name] [IF NOT EXISTS] FOR (n:Label) ON (n.key)`
    CreateIndex {
        /// The index's name (one is made up when absent).
        name: Option<Name>,
        /// `IF NOT EXISTS`
        if_not_exists: bool,
        /// The label.
        label: Name,
        /// The property key.
        key: Name,
    },
    /// `CREATE CONSTRAINT [name] [IF NOT EXISTS] FOR (n:Label) REQUIRE n.key IS UNIQUE`
    CreateUnique {
        /// The constraint's name (one is made up when absent).
        name: Option<Name>,
        /// `IF NOT EXISTS`
        if_not_exists: bool,
        /// The label.
        label: Name,
        /// The property key.
        key: Name,
    },
    /// `DROP INDEX name [IF EXISTS]`
    DropIndex {
        /// The index.
        name: Name,
        /// `IF EXISTS`
        if_exists: bool,
    },
    /// `DROP CONSTRAINT name [IF EXISTS]`
    DropConstraint {
        /// The constraint.
        name: Name,
        /// `IF EXISTS`
        if_exists: bool,
    },
    /// `SHOW INDEXES`
    ShowIndexes,
    /// `SHOW CONSTRAINTS`
    ShowConstraints,
}

/// `single [UNION [ALL] single]...`
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The first single query.
    pub first: SingleQuery,
    /// The others, each with `true` for `UNION ALL`, `false` for `UNION`.
    pub unions: Vec<(bool, SingleQuery)>,
}

/// A sequence of clauses with no `UNION`.
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    /// The clauses in order.
    pub clauses: Vec<Clause>,
    /// The whole single query.
    pub span: Span,
}

/// A clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `[OPTIONAL] MATCH pattern [WHERE expr]`
    Match(Match),
    /// `UNWIND expr AS name`
    Unwind(Unwind),
    /// `WITH [DISTINCT] items [ORDER BY] [SKIP] [LIMIT] [WHERE expr]`
    With(Projection),
    /// `RETURN [DISTINCT] items [ORDER BY] [SKIP] [LIMIT]`
    Return(Projection),
    /// `CREATE pattern`
    Create(Create),
    /// `MERGE part [ON CREATE SET ...] [ON MATCH SET ...]`
    Merge(Merge),
    /// `SET item, ...`
    Set(SetClause),
    /// `REMOVE item, ...`
    Remove(Remove),
    /// `[DETACH] DELETE expr, ...`
    Delete(Delete),
    /// `CALL proc(args) [YIELD ...]`
    Call(Call),
    /// `[OPTIONAL] CALL [(vars)] { query } [IN TRANSACTIONS]`
    Subquery(CallSubquery),
    /// `LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR 'c']`
    LoadCsv(LoadCsv),
    /// `FOREACH (x IN list | update ...)`
    Foreach(Foreach),
}

/// `FOREACH (var IN list | update ...)`: the updates run for each element.
#[derive(Debug, Clone, PartialEq)]
pub struct Foreach {
    /// The variable each element is bound to, inside only.
    pub var: Name,
    /// The list.
    pub list: Expr,
    /// The updating clauses (`CREATE`, `MERGE`, `SET`, `REMOVE`, `DELETE`,
    /// `FOREACH`).
    pub clauses: Vec<Clause>,
    /// The clause.
    pub span: Span,
}

/// `LOAD CSV [WITH HEADERS] FROM url AS row [FIELDTERMINATOR 'c']`
#[derive(Debug, Clone, PartialEq)]
pub struct LoadCsv {
    /// `WITH HEADERS`: rows are maps keyed by the first line; else lists.
    pub with_headers: bool,
    /// The file: `'file:///path'` or a plain path.
    pub url: Expr,
    /// The variable each row is bound to.
    pub alias: Name,
    /// `FIELDTERMINATOR`: the field delimiter (default `,`).
    pub field_terminator: Option<String>,
    /// The clause.
    pub span: Span,
}

impl Clause {
    /// The span of the clause.
    pub fn span(&self) -> Span {
        match self {
            Clause::Match(c) => c.span,
            Clause::Unwind(c) => c.span,
            Clause::With(c) | Clause::Return(c) => c.span,
            Clause::Create(c) => c.span,
            Clause::Merge(c) => c.span,
            Clause::Set(c) => c.span,
            Clause::Remove(c) => c.span,
            Clause::Delete(c) => c.span,
            Clause::Call(c) => c.span,
            Clause::Subquery(c) => c.span,
            Clause::LoadCsv(c) => c.span,
            Clause::Foreach(c) => c.span,
        }
    }
}

/// `[OPTIONAL] MATCH pattern [WHERE expr]`
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// `OPTIONAL MATCH`
    pub optional: bool,
    /// The comma-separated pattern parts.
    pub pattern: Vec<PatternPart>,
    /// `WHERE expr`
    pub where_: Option<Expr>,
    /// The clause.
    pub span: Span,
}

/// `UNWIND expr AS name`
#[derive(Debug, Clone, PartialEq)]
pub struct Unwind {
    /// The list.
    pub expr: Expr,
    /// The variable each element is bound to.
    pub alias: Name,
    /// The clause.
    pub span: Span,
}

/// The body of `WITH` and `RETURN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`
    pub distinct: bool,
    /// `*` (all variables in scope), before any items.
    pub star: bool,
    /// `expr [AS name]`, ...
    pub items: Vec<ProjectionItem>,
    /// `ORDER BY item, ...`
    pub order_by: Vec<SortItem>,
    /// `SKIP expr`
    pub skip: Option<Expr>,
    /// `LIMIT expr`
    pub limit: Option<Expr>,
    /// `WHERE expr` (only `WITH`).
    pub where_: Option<Expr>,
    /// The clause.
    pub span: Span,
}

/// `expr [AS name]`
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionItem {
    /// The expression.
    pub expr: Expr,
    /// `AS name`
    pub alias: Option<Name>,
    /// The expression's text as written (the column name when there is no alias).
    pub text: String,
}

/// `expr [ASC|ASCENDING|DESC|DESCENDING]`
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The sort key.
    pub expr: Expr,
    /// `DESC`
    pub descending: bool,
}

/// `CREATE pattern`
#[derive(Debug, Clone, PartialEq)]
pub struct Create {
    /// The comma-separated pattern parts.
    pub pattern: Vec<PatternPart>,
    /// The clause.
    pub span: Span,
}

/// `MERGE part [ON CREATE SET items] [ON MATCH SET items]` (in any order, repeated).
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The pattern to find or create.
    pub pattern: PatternPart,
    /// `ON CREATE SET` items.
    pub on_create: Vec<SetItem>,
    /// `ON MATCH SET` items.
    pub on_match: Vec<SetItem>,
    /// The clause.
    pub span: Span,
}

/// `SET item, ...`
#[derive(Debug, Clone, PartialEq)]
pub struct SetClause {
    /// The items.
    pub items: Vec<SetItem>,
    /// The clause.
    pub span: Span,
}

/// One `SET` item.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `target.key = value` (target is any expression yielding a node, relationship or null).
    Property {
        /// The entity expression, e.g. `n` in `n.name = 'x'`.
        target: Expr,
        /// The key.
        key: Name,
        /// The new value.
        value: Expr,
    },
    /// `var = map` (replace all properties).
    Replace {
        /// The variable.
        var: Name,
        /// A map, node or relationship.
        value: Expr,
    },
    /// `var += map` (merge properties).
    Merge {
        /// The variable.
        var: Name,
        /// A map, node or relationship.
        value: Expr,
    },
    /// `var:Label:Other`
    Labels {
        /// The variable.
        var: Name,
        /// The labels to add.
        labels: Vec<Name>,
    },
}

/// `REMOVE item, ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Remove {
    /// The items.
    pub items: Vec<RemoveItem>,
    /// The clause.
    pub span: Span,
}

/// One `REMOVE` item.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `target.key`
    Property {
        /// The entity expression.
        target: Expr,
        /// The key.
        key: Name,
    },
    /// `var:Label:Other`
    Labels {
        /// The variable.
        var: Name,
        /// The labels to remove.
        labels: Vec<Name>,
    },
}

/// `[DETACH] DELETE expr, ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// `DETACH`
    pub detach: bool,
    /// What to delete: nodes, relationships, paths (or lists of them), or null.
    pub exprs: Vec<Expr>,
    /// The clause.
    pub span: Span,
}

/// `[var =] [shortestPath|allShortestPaths] (element)` — one comma-separated part of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    /// `p = ...`
    pub var: Option<Name>,
    /// Plain, `shortestPath(...)` or `allShortestPaths(...)`.
    pub kind: PathKind,
    /// The chain of nodes and relationships.
    pub element: PatternElement,
    /// The part.
    pub span: Span,
}

/// How a pattern part is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Every match.
    Normal,
    /// `shortestPath(...)`: one shortest match per pair of end nodes.
    Shortest,
    /// `allShortestPaths(...)`: every shortest match per pair of end nodes.
    AllShortest,
}

/// `(a)-[r]->(b)<-[s]-(c)...`
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    /// The first node.
    pub start: NodePattern,
    /// Each relationship and the node after it.
    pub chain: Vec<(RelPattern, NodePattern)>,
    /// The element.
    pub span: Span,
}

/// `(var:Label:Other {key: value})`
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    /// The variable.
    pub var: Option<Name>,
    /// Labels, all of which the node must have.
    pub labels: Vec<Name>,
    /// `{key: value, ...}` or `$param`.
    pub properties: Option<Expr>,
    /// The node pattern.
    pub span: Span,
}

/// `-[var:T|U *min..max {key: value}]->`
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    /// The variable.
    pub var: Option<Name>,
    /// Type alternatives; empty = any type.
    pub types: Vec<Name>,
    /// Which way it points.
    pub direction: Direction,
    /// `*`, `*2`, `*1..3`, `*..3`, `*2..`: `Some` for variable length.
    pub length: Option<Range>,
    /// `{key: value, ...}` or `$param`.
    pub properties: Option<Expr>,
    /// The relationship pattern.
    pub span: Span,
}

/// Which way a relationship pattern points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-->`: from the left node to the right one.
    Right,
    /// `<--`: from the right node to the left one.
    Left,
    /// `--` or `<-->`: either way.
    Both,
}

/// The bounds of a variable-length relationship; `None` = unbounded
/// (`*` is `min: None, max: None`, `*2` is `min: Some(2), max: Some(2)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Lower bound (default 1).
    pub min: Option<u64>,
    /// Upper bound (default none).
    pub max: Option<u64>,
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `null`, `true`, `42`, `0x2A`, `1.5e3`, `'text'` (always a scalar value).
    Literal(Value),
    /// `[a, b, ...]`
    List(Vec<Expr>),
    /// `{key: value, ...}`
    Map(Vec<(Name, Expr)>),
    /// `$name` (or `$0`)
    Parameter(String),
    /// `name`
    Variable(String),
    /// `expr.key`
    Property(Box<Expr>, Name),
    /// `expr[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `expr[from..to]`, either bound optional.
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `NOT x`, `-x`, `+x`
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `a op b op c ...`: three or more operands joined by operators of one
    /// precedence level (see [`BinaryOp::chains`]), meaning
    /// `((a op b) op c) ...`. Generated queries join thousands of terms
    /// with `OR` or `+`: kept as a list, they nest no deeper than one
    /// operator. The parser never builds a `Binary` whose left operand is
    /// a `Binary` or `Chain` of the same level; it builds this instead.
    Chain(Box<Expr>, Vec<(BinaryOp, Expr)>),
    /// `x IS NULL` (`false`) / `x IS NOT NULL` (`true`)
    IsNull(Box<Expr>, bool),
    /// `x:Label:Other`
    HasLabels(Box<Expr>, Vec<Name>),
    /// `name(args)`, `ns.name(DISTINCT args)`
    Function {
        /// The name as written, dots included (`toLower`, `db.labels`).
        name: Name,
        /// `DISTINCT`
        distinct: bool,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`
    CountStar,
    /// `CASE [operand] WHEN a THEN b ... [ELSE c] END`
    Case {
        /// The simple form's operand.
        operand: Option<Box<Expr>>,
        /// `WHEN a THEN b` pairs.
        whens: Vec<(Expr, Expr)>,
        /// `ELSE c`
        else_: Option<Box<Expr>>,
    },
    /// `[var IN list [WHERE filter] [| map]]`
    ListComprehension {
        /// The element variable.
        var: Name,
        /// The list.
        list: Box<Expr>,
        /// `WHERE filter`
        filter: Option<Box<Expr>>,
        /// `| map`
        map: Option<Box<Expr>>,
    },
    /// `all|any|none|single(var IN list WHERE predicate)`
    Quantifier {
        /// Which quantifier.
        kind: Quantifier,
        /// The element variable.
        var: Name,
        /// The list.
        list: Box<Expr>,
        /// The predicate (`None` when written without `WHERE`).
        predicate: Option<Box<Expr>>,
    },
    /// `reduce(acc = init, var IN list | expr)`
    Reduce {
        /// The accumulator.
        acc: Name,
        /// Its initial value.
        init: Box<Expr>,
        /// The element variable.
        var: Name,
        /// The list.
        list: Box<Expr>,
        /// The step.
        expr: Box<Expr>,
    },
    /// `[p = (a)-->(b) WHERE filter | map]`
    PatternComprehension {
        /// `p =`
        var: Option<Name>,
        /// The pattern.
        pattern: Box<PatternElement>,
        /// `WHERE filter`
        filter: Option<Box<Expr>>,
        /// `| map`
        map: Box<Expr>,
    },
    /// `(a)-->(b)` used as a predicate (true when it has a match).
    PatternPredicate(Box<PatternElement>),
    /// `EXISTS { MATCH ... [WHERE ...] }` or `EXISTS { (a)-->(b) [WHERE ...] }`
    Exists(Box<ExistsSubquery>),
    /// `COUNT { MATCH ... }` or `COUNT { (a)-->(b) [WHERE ...] }`: how many
    /// rows (or matches) it has.
    CountSubquery(Box<ExistsSubquery>),
    /// `COLLECT { MATCH ... RETURN x }`: the list of its one column.
    CollectSubquery(Box<Query>),
    /// `var {.key, key: expr, var2, .*}`
    MapProjection {
        /// The map, node or relationship variable.
        var: Name,
        /// The items.
        items: Vec<MapProjectionItem>,
    },
}

/// The body of an `EXISTS { ... }` or a `COUNT { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub enum ExistsSubquery {
    /// `EXISTS { pattern, ... [WHERE expr] }`
    Pattern(Vec<PatternPart>, Option<Expr>),
    /// `EXISTS { <full query> }`
    Query(Query),
}

/// One item of a map projection.
#[derive(Debug, Clone, PartialEq)]
pub enum MapProjectionItem {
    /// `.key`
    Property(Name),
    /// `key: expr`
    Literal(Name, Expr),
    /// `var` (the key is the variable's name)
    Variable(Name),
    /// `.*`
    AllProperties,
}

/// `all`, `any`, `none`, `single`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantifier {
    /// `all(...)`
    All,
    /// `any(...)`
    Any,
    /// `none(...)`
    None,
    /// `single(...)`
    Single,
}

impl Quantifier {
    /// The function name it is written with: `all`, `any`, `none`, `single`.
    pub fn name(self) -> &'static str {
        match self {
            Quantifier::All => "all",
            Quantifier::Any => "any",
            Quantifier::None => "none",
            Quantifier::Single => "single",
        }
    }
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
}

/// Infix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`
    Or,
    /// `XOR`
    Xor,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// `^`
    Pow,
    /// `IN`
    In,
    /// `STARTS WITH`
    StartsWith,
    /// `ENDS WITH`
    EndsWith,
    /// `CONTAINS`
    Contains,
    /// `=~`
    Regex,
}

impl Expr {
    /// `lhs op rhs`, spanning both. When `lhs` already joins operands with
    /// an operator of `op`'s level, `rhs` joins them in one
    /// [`ExprKind::Chain`]: `(a + b) - c` is the chain `a + b - c`, which
    /// means the same.
    pub fn binary(op: BinaryOp, lhs: Expr, rhs: Expr) -> Expr {
        let span = lhs.span.to(rhs.span);
        let same = |other: BinaryOp| op.chains() && other.level() == op.level();
        let kind = match lhs.kind {
            ExprKind::Binary(first, a, b) if same(first) => {
                ExprKind::Chain(a, vec![(first, *b), (op, rhs)])
            }
            ExprKind::Chain(a, mut rest) if rest.first().is_some_and(|(o, _)| same(*o)) => {
                rest.push((op, rhs));
                ExprKind::Chain(a, rest)
            }
            kind => ExprKind::Binary(
                op,
                Box::new(Expr {
                    kind,
                    span: lhs.span,
                }),
                Box::new(rhs),
            ),
        };
        Expr { kind, span }
    }
}

impl BinaryOp {
    /// Its precedence level, loosest first: `OR` 1, `XOR` 2, `AND` 3,
    /// comparisons 5, `IN` and the string predicates 6, `+ -` 7,
    /// `* / %` 8, `^` 9 (4 is `NOT`).
    pub fn level(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::Xor => 2,
            BinaryOp::And => 3,
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => 5,
            BinaryOp::In
            | BinaryOp::StartsWith
            | BinaryOp::EndsWith
            | BinaryOp::Contains
            | BinaryOp::Regex => 6,
            BinaryOp::Add | BinaryOp::Sub => 7,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 8,
            BinaryOp::Pow => 9,
        }
    }

    /// Whether operators of this level join in an [`ExprKind::Chain`]:
    /// all but comparisons, whose chains mean `AND`s.
    pub fn chains(self) -> bool {
        self.level() != 5
    }

    /// `+ - * / % ^` (the others give booleans).
    pub fn is_arithmetic(self) -> bool {
        matches!(
            self,
            BinaryOp::Add
                | BinaryOp::Sub
                | BinaryOp::Mul
                | BinaryOp::Div
                | BinaryOp::Mod
                | BinaryOp::Pow
        )
    }

    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "OR",
            BinaryOp::Xor => "XOR",
            BinaryOp::And => "AND",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "^",
            BinaryOp::In => "IN",
            BinaryOp::StartsWith => "STARTS WITH",
            BinaryOp::EndsWith => "ENDS WITH",
            BinaryOp::Contains => "CONTAINS",
            BinaryOp::Regex => "=~",
        }
    }
}
