//! The round trip over random syntax trees (proptest).

use super::*;

fn expr(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn name(name: String) -> Name {
    Name {
        name,
        span: Span::default(),
    }
}

/// Names: mostly plain, sometimes reserved words, keywords-that-are-not,
/// or anything at all (printed in backticks).
fn any_name() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z_][a-zA-Z0-9_]{0,4}",
        2 => prop::sample::select(vec![
            "match", "END", "all", "any", "exists", "count", "shortestPath", "NaN", "x`y", "a b",
            "a-b", "1x", "", "é", "distinct", "null", "not", "reduce", "case",
        ])
        .prop_map(String::from),
        1 => "(?s).{0,4}",
    ]
}

fn any_names(min: usize, max: usize) -> impl Strategy<Value = Vec<Name>> {
    prop::collection::vec(any_name().prop_map(name), min..=max)
}

/// Dotted function names (the parts must not hold dots themselves).
fn function_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-zA-Z0-9_]{0,5}(\\.[a-z][a-z0-9]{0,3})?",
        1 => prop::sample::select(vec![
            "all", "any", "none", "single", "reduce", "exists", "count", "distinct", "not",
            "case", "shortestPath", "a b.c",
        ])
        .prop_map(String::from),
    ]
}

fn literal() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        prop::sample::select(vec![i64::MIN, i64::MAX, 0, -1, 1]).prop_map(Value::Int),
        any::<f64>()
            .prop_filter("literals are finite", |x| x.is_finite())
            .prop_map(Value::Float),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e300,
            -1e300,
            0.1,
            5e-324,
            f64::MAX,
            1e16,
            1e15
        ])
        .prop_map(Value::Float),
        "(?s).{0,6}".prop_map(Value::string),
        "['\"\\\\\n\t`]{0,4}".prop_map(Value::string),
    ]
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => literal().prop_map(|v| expr(ExprKind::Literal(v))),
        4 => any_name().prop_map(|n| expr(ExprKind::Variable(n))),
        1 => prop_oneof![any_name(), "[0-9]{1,3}"].prop_map(|n| expr(ExprKind::Parameter(n))),
        1 => Just(expr(ExprKind::CountStar)),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    use BinaryOp::*;
    prop::sample::select(vec![
        Or, Xor, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Mul, Div, Mod, Pow, In, StartsWith,
        EndsWith, Contains, Regex,
    ])
}

fn boxed(e: impl Strategy<Value = Expr>) -> impl Strategy<Value = Box<Expr>> {
    e.prop_map(Box::new)
}

fn maybe(e: impl Strategy<Value = Expr>) -> impl Strategy<Value = Option<Box<Expr>>> {
    prop::option::of(boxed(e))
}

/// `{k: v}` or `$p`, for node and relationship patterns.
fn properties(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Option<Expr>> {
    prop::option::of(prop_oneof![
        prop::collection::vec((any_name().prop_map(name), e), 0..3)
            .prop_map(|entries| expr(ExprKind::Map(entries))),
        any_name().prop_map(|n| expr(ExprKind::Parameter(n))),
    ])
}

fn node(e: BoxedStrategy<Expr>) -> impl Strategy<Value = NodePattern> {
    (
        prop::option::of(any_name().prop_map(name)),
        any_names(0, 2),
        properties(e),
    )
        .prop_map(|(var, labels, properties)| NodePattern {
            var,
            labels,
            properties,
            span: Span::default(),
        })
}

fn range() -> impl Strategy<Value = Range> {
    let bound = prop_oneof![4 => 0u64..5, 1 => any::<u64>()];
    (prop::option::of(bound.clone()), prop::option::of(bound))
        .prop_map(|(min, max)| Range { min, max })
}

fn rel(e: BoxedStrategy<Expr>) -> impl Strategy<Value = RelPattern> {
    (
        prop::option::of(any_name().prop_map(name)),
        any_names(0, 2),
        prop::sample::select(vec![Direction::Left, Direction::Right, Direction::Both]),
        prop::option::of(range()),
        properties(e),
    )
        .prop_map(|(var, types, direction, length, properties)| RelPattern {
            var,
            types,
            direction,
            length,
            properties,
            span: Span::default(),
        })
}

/// A chain of at least `min_links` relationships.
fn element(e: BoxedStrategy<Expr>, min_links: usize) -> impl Strategy<Value = PatternElement> {
    (
        node(e.clone()),
        prop::collection::vec((rel(e.clone()), node(e)), min_links..3),
    )
        .prop_map(|(start, chain)| PatternElement {
            start,
            chain,
            span: Span::default(),
        })
}

fn part(e: BoxedStrategy<Expr>) -> impl Strategy<Value = PatternPart> {
    (
        prop::option::of(any_name().prop_map(name)),
        prop::sample::select(vec![
            PathKind::Normal,
            PathKind::Shortest,
            PathKind::AllShortest,
        ]),
        element(e, 0),
    )
        .prop_map(|(var, kind, element)| PatternPart {
            var,
            kind,
            element,
            span: Span::default(),
        })
}

fn pattern(e: BoxedStrategy<Expr>) -> impl Strategy<Value = Vec<PatternPart>> {
    prop::collection::vec(part(e), 1..3)
}

/// Random expressions, at most 4 levels deep. Pattern predicates are left
/// out: the parser accepts them only where a truth value is wanted
/// ([`where_expr`] makes some).
fn any_expr() -> BoxedStrategy<Expr> {
    leaf()
        .prop_recursive(4, 48, 4, |inner| {
            let pat = leaf().boxed();
            let quantifier = prop::sample::select(vec![
                Quantifier::All,
                Quantifier::Any,
                Quantifier::None,
                Quantifier::Single,
            ]);
            let unary = prop::sample::select(vec![UnaryOp::Not, UnaryOp::Neg, UnaryOp::Pos]);
            let map_item = prop_oneof![
                any_name().prop_map(|n| MapProjectionItem::Property(name(n))),
                (any_name(), inner.clone())
                    .prop_map(|(n, e)| MapProjectionItem::Literal(name(n), e)),
                any_name().prop_map(|n| MapProjectionItem::Variable(name(n))),
                Just(MapProjectionItem::AllProperties),
            ];
            let exists_query = (pattern(pat.clone()), inner.clone()).prop_map(|(p, e)| {
                let single = SingleQuery {
                    clauses: vec![
                        Clause::Match(Match {
                            optional: false,
                            pattern: p,
                            where_: None,
                            span: Span::default(),
                        }),
                        Clause::Return(projection(vec![item(e, None)], None)),
                    ],
                    span: Span::default(),
                };
                ExistsSubquery::Query(Query {
                    first: single,
                    unions: Vec::new(),
                })
            })
            .boxed();
            let exists = prop_oneof![
                (pattern(pat.clone()), prop::option::of(inner.clone()))
                    .prop_map(|(p, w)| ExistsSubquery::Pattern(p, w)),
                exists_query.clone(),
            ];
            let collect = exists_query.prop_filter_map("a query", |x| match x {
                ExistsSubquery::Query(q) => Some(ExprKind::CollectSubquery(Box::new(q))),
                ExistsSubquery::Pattern(..) => None,
            });
            let kind = prop_oneof![
                1 => prop::collection::vec(inner.clone(), 0..3).prop_map(ExprKind::List),
                1 => prop::collection::vec((any_name().prop_map(name), inner.clone()), 0..3)
                    .prop_map(ExprKind::Map),
                1 => (boxed(inner.clone()), any_name())
                    .prop_map(|(e, k)| ExprKind::Property(e, name(k))),
                1 => (boxed(inner.clone()), boxed(inner.clone()))
                    .prop_map(|(e, i)| ExprKind::Index(e, i)),
                1 => (boxed(inner.clone()), maybe(inner.clone()), maybe(inner.clone()))
                    .prop_map(|(e, a, b)| ExprKind::Slice(e, a, b)),
                1 => (unary, boxed(inner.clone())).prop_map(|(op, e)| ExprKind::Unary(op, e)),
                3 => (binary_op(), inner.clone(), inner.clone())
                    .prop_map(|(op, a, b)| Expr::binary(op, a, b).kind),
                // Operators in a row: chains where they share a level.
                2 => (inner.clone(), prop::collection::vec((binary_op(), inner.clone()), 2..5))
                    .prop_map(|(first, rest)| {
                        rest.into_iter()
                            .fold(first, |a, (op, b)| Expr::binary(op, a, b))
                            .kind
                    }),
                1 => (boxed(inner.clone()), any::<bool>()).prop_map(|(e, n)| ExprKind::IsNull(e, n)),
                1 => (boxed(inner.clone()), any_names(1, 2))
                    .prop_map(|(e, l)| ExprKind::HasLabels(e, l)),
                1 => (
                    function_name(),
                    any::<bool>(),
                    prop::collection::vec(inner.clone(), 0..3)
                )
                    .prop_map(|(n, distinct, args)| ExprKind::Function {
                        name: name(n),
                        distinct,
                        args
                    }),
                1 => (
                    maybe(inner.clone()),
                    prop::collection::vec((inner.clone(), inner.clone()), 1..3),
                    maybe(inner.clone())
                )
                    .prop_map(|(operand, whens, else_)| ExprKind::Case {
                        operand,
                        whens,
                        else_
                    }),
                1 => (
                    any_name(),
                    boxed(inner.clone()),
                    maybe(inner.clone()),
                    maybe(inner.clone())
                )
                    .prop_map(|(v, list, filter, map)| ExprKind::ListComprehension {
                        var: name(v),
                        list,
                        filter,
                        map
                    }),
                1 => (quantifier, any_name(), boxed(inner.clone()), maybe(inner.clone())).prop_map(
                    |(kind, v, list, predicate)| ExprKind::Quantifier {
                        kind,
                        var: name(v),
                        list,
                        predicate
                    }
                ),
                1 => (
                    any_name(),
                    boxed(inner.clone()),
                    any_name(),
                    boxed(inner.clone()),
                    boxed(inner.clone())
                )
                    .prop_map(|(acc, init, v, list, e)| ExprKind::Reduce {
                        acc: name(acc),
                        init,
                        var: name(v),
                        list,
                        expr: e
                    }),
                1 => (
                    prop::option::of(any_name().prop_map(name)),
                    element(pat.clone(), 1),
                    maybe(inner.clone()),
                    boxed(inner.clone())
                )
                    .prop_map(|(var, p, filter, map)| ExprKind::PatternComprehension {
                        var,
                        pattern: Box::new(p),
                        filter,
                        map
                    }),
                1 => exists.clone().prop_map(|x| ExprKind::Exists(Box::new(x))),
                1 => exists.prop_map(|x| ExprKind::CountSubquery(Box::new(x))),
                1 => collect,
                1 => (any_name(), prop::collection::vec(map_item, 0..3)).prop_map(|(v, items)| {
                    ExprKind::MapProjection {
                        var: name(v),
                        items,
                    }
                }),
            ];
            kind.prop_map(expr)
        })
        .boxed()
}

/// A `WHERE` condition: any expression, or pattern predicates combined
/// with `NOT`/`AND`.
fn where_expr() -> impl Strategy<Value = Expr> {
    let predicate = element(leaf().boxed(), 1)
        .prop_map(|p| expr(ExprKind::PatternPredicate(Box::new(p))))
        .boxed();
    prop_oneof![
        3 => any_expr(),
        1 => predicate.clone(),
        1 => predicate
            .clone()
            .prop_map(|p| expr(ExprKind::Unary(UnaryOp::Not, Box::new(p)))),
        1 => (any_expr(), predicate).prop_map(|(a, p)| Expr::binary(BinaryOp::And, a, p)),
    ]
}

fn item(expr: Expr, alias: Option<Name>) -> ProjectionItem {
    ProjectionItem {
        expr,
        alias,
        text: String::new(),
    }
}

fn projection(items: Vec<ProjectionItem>, where_: Option<Expr>) -> Projection {
    Projection {
        distinct: false,
        star: false,
        items,
        order_by: Vec::new(),
        skip: None,
        limit: None,
        where_,
        span: Span::default(),
    }
}

fn any_projection(with: bool) -> impl Strategy<Value = Projection> {
    let items = prop::collection::vec(
        (any_expr(), prop::option::of(any_name().prop_map(name))).prop_map(|(e, a)| item(e, a)),
        0..3,
    );
    let order = prop::collection::vec(
        (any_expr(), any::<bool>()).prop_map(|(expr, descending)| SortItem { expr, descending }),
        0..2,
    );
    let where_ = if with {
        prop::option::of(where_expr()).boxed()
    } else {
        Just(None).boxed()
    };
    (
        any::<bool>(),
        any::<bool>(),
        items,
        order,
        prop::option::of(any_expr()),
        prop::option::of(any_expr()),
        where_,
    )
        .prop_map(
            |(distinct, star, items, order_by, skip, limit, where_)| Projection {
                distinct,
                star: star || items.is_empty(),
                items,
                order_by,
                skip,
                limit,
                where_,
                span: Span::default(),
            },
        )
}

fn set_item() -> impl Strategy<Value = SetItem> {
    let target = prop_oneof![
        any_name().prop_map(|n| expr(ExprKind::Variable(n))),
        any_name().prop_map(|n| expr(ExprKind::Parameter(n))),
        (any_name(), any_name()).prop_map(|(v, k)| expr(ExprKind::Property(
            Box::new(expr(ExprKind::Variable(v))),
            name(k)
        ))),
        any_expr(),
    ];
    let var = || any_name().prop_map(name);
    prop_oneof![
        (target, any_name(), any_expr()).prop_map(|(target, k, value)| SetItem::Property {
            target,
            key: name(k),
            value
        }),
        (var(), any_expr()).prop_map(|(var, value)| SetItem::Replace { var, value }),
        (var(), any_expr()).prop_map(|(var, value)| SetItem::Merge { var, value }),
        (var(), any_names(1, 2)).prop_map(|(var, labels)| SetItem::Labels { var, labels }),
    ]
}

fn set_items() -> impl Strategy<Value = Vec<SetItem>> {
    prop::collection::vec(set_item(), 1..3)
}

/// Any clause: one of [`plain_clause`], or a `CALL` subquery of those.
fn clause() -> impl Strategy<Value = Clause> {
    let import = prop_oneof![
        Just(Import::Leading),
        Just(Import::All),
        prop::collection::vec(any_name(), 0..3)
            .prop_map(|names| Import::Names(names.into_iter().map(name).collect())),
    ];
    let body = prop::collection::vec(plain_clause(), 1..3);
    let call = (
        any::<bool>(),
        import,
        body,
        prop::option::of(prop::option::of(any_expr())),
    )
        .prop_map(|(optional, import, clauses, in_transactions)| {
            let span = Span::default();
            Clause::Subquery(CallSubquery {
                optional,
                import,
                query: Query {
                    first: SingleQuery { clauses, span },
                    unions: Vec::new(),
                },
                in_transactions,
                span,
            })
        });
    prop_oneof![9 => plain_clause(), 1 => call]
}

/// Any clause but a `CALL` subquery.
fn plain_clause() -> impl Strategy<Value = Clause> {
    let e = || leaf().boxed();
    let span = Span::default;
    prop_oneof![
        (any::<bool>(), pattern(e()), prop::option::of(where_expr())).prop_map(
            move |(optional, pattern, where_)| Clause::Match(Match {
                optional,
                pattern,
                where_,
                span: span(),
            })
        ),
        (any_expr(), any_name()).prop_map(move |(expr, n)| Clause::Unwind(Unwind {
            expr,
            alias: name(n),
            span: span(),
        })),
        any_projection(true).prop_map(Clause::With),
        any_projection(false).prop_map(Clause::Return),
        pattern(e()).prop_map(move |pattern| Clause::Create(Create {
            pattern,
            span: span()
        })),
        (
            part(e()),
            prop::collection::vec(set_item(), 0..2),
            prop::collection::vec(set_item(), 0..2)
        )
            .prop_map(move |(pattern, on_create, on_match)| Clause::Merge(Merge {
                pattern,
                on_create,
                on_match,
                span: span(),
            })),
        set_items().prop_map(move |items| Clause::Set(SetClause {
            items,
            span: span()
        })),
        (
            any::<bool>(),
            any_expr(),
            any_name(),
            // A field terminator is one byte.
            prop::option::of(prop::char::range(' ', '~').prop_map(String::from))
        )
            .prop_map(
                move |(with_headers, url, n, field_terminator)| Clause::LoadCsv(LoadCsv {
                    with_headers,
                    url,
                    alias: name(n),
                    field_terminator,
                    span: span(),
                })
            ),
        (any::<bool>(), prop::collection::vec(any_expr(), 1..3))
            .prop_filter("DELETE rejects label tests", |(_, exprs)| {
                !exprs
                    .iter()
                    .any(|e| matches!(e.kind, ExprKind::HasLabels(..)))
            })
            .prop_map(move |(detach, exprs)| Clause::Delete(Delete {
                detach,
                exprs,
                span: span(),
            })),
    ]
}

fn single_query() -> impl Strategy<Value = SingleQuery> {
    prop::collection::vec(clause(), 1..4).prop_map(|clauses| SingleQuery {
        clauses,
        span: Span::default(),
    })
}

fn statement() -> impl Strategy<Value = Statement> {
    let query = (
        single_query(),
        prop::collection::vec((any::<bool>(), single_query()), 0..2),
    )
        .prop_map(|(first, unions)| Query { first, unions });
    let kind = prop_oneof![
        6 => (0..3u8, query).prop_map(|(k, q)| match k {
            0 => StatementKind::Query(q),
            1 => StatementKind::Explain(q),
            _ => StatementKind::Profile(q),
        }),
        1 => prop::sample::select(vec![
            StatementKind::Begin,
            StatementKind::Commit,
            StatementKind::Rollback,
            StatementKind::Schema(SchemaCommand::ShowIndexes),
            StatementKind::Schema(SchemaCommand::ShowConstraints),
        ]),
        1 => schema_command().prop_map(StatementKind::Schema),
    ];
    kind.prop_map(|kind| Statement {
        kind,
        span: Span::default(),
    })
}

fn schema_command() -> impl Strategy<Value = SchemaCommand> {
    let names = prop_oneof![
        any_name(),
        prop::sample::select(vec!["if", "FOR", "index", "on"]).prop_map(String::from),
    ];
    (
        0..4u8,
        prop::option::of(names.prop_map(name)),
        any::<bool>(),
        any_name(),
        any_name(),
    )
        .prop_map(|(k, n, flag, label, key)| {
            let (label, key) = (name(label), name(key));
            let named = || n.clone().unwrap_or_else(|| name("x".to_string()));
            match k {
                0 => SchemaCommand::CreateIndex {
                    name: n.clone(),
                    if_not_exists: flag,
                    label,
                    key,
                },
                1 => SchemaCommand::CreateUnique {
                    name: n.clone(),
                    if_not_exists: flag,
                    label,
                    key,
                },
                2 => SchemaCommand::DropIndex {
                    name: named(),
                    if_exists: flag,
                },
                _ => SchemaCommand::DropConstraint {
                    name: named(),
                    if_exists: flag,
                },
            }
        })
}

proptest! {
    #[test]
    fn random_expressions_round_trip(e in any_expr()) {
        let statement = Statement {
            kind: StatementKind::Query(Query {
                first: SingleQuery {
                    clauses: vec![Clause::Return(projection(vec![item(e, None)], None))],
                    span: Span::default(),
                },
                unions: Vec::new(),
            }),
            span: Span::default(),
        };
        if let Err(e) = round_trip(&statement) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn random_statements_round_trip(s in statement()) {
        if let Err(e) = round_trip(&s) {
            prop_assert!(false, "{}", e);
        }
    }
}
