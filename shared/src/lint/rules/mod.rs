//! The rule catalogue: one closed enum, one file per rule, registered in a plain array.
//!
//! Each rule file opens with a `//!` comment (What it does / Why it is bad / Example /
//! Fix safety); that comment is the text of `nixstudio explain` and of the studio's help.

use rnix::{SyntaxKind, SyntaxNode};
use serde::Serialize;

use super::context::Context;
use super::engine::kind_index;
use super::{Config, Severity};

mod auto_discovery;
mod bool_comparison;
mod bool_simplification;
mod collapsible_let_in;
mod dangerous_rec;
mod deprecated_to_path;
mod duplicate_package;
mod empty_inherit;
mod empty_let_in;
mod empty_list_concat;
mod empty_pattern;
mod eta_reduction;
mod eval_time_secret;
mod firewall_disabled;
mod import_from_derivation;
mod inline_secret;
mod legacy_let_syntax;
mod manual_inherit;
mod manual_inherit_from;
mod missing_meta;
mod missing_run_hook;
mod mkif_true;
mod monolithic_file;
mod native_build_input;
mod nix_env_usage;
mod option_without_description;
mod redundant_pattern_bind;
mod repeated_keys;
mod root_service;
mod substituter_without_key;
pub(crate) mod syntax_error;
mod trivial_wrapper;
mod unquoted_uri;
mod unused_at_bind;
mod unused_lambda_arg;
mod unused_let_binding;
mod unused_pattern_name;
mod useless_has_attr;
mod useless_parens;
mod with_overuse;

/// Every rule nixstudio knows. The snake_case code names the rule file, the config key,
/// the suppression comment and the docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    SyntaxError,
    BoolComparison,
    EmptyLetIn,
    ManualInherit,
    ManualInheritFrom,
    LegacyLetSyntax,
    CollapsibleLetIn,
    EtaReduction,
    UselessParens,
    EmptyPattern,
    RedundantPatternBind,
    UnquotedUri,
    EmptyInherit,
    DeprecatedToPath,
    BoolSimplification,
    UselessHasAttr,
    RepeatedKeys,
    EmptyListConcat,
    UnusedLetBinding,
    UnusedLambdaArg,
    UnusedPatternName,
    UnusedAtBind,
    MkifTrue,
    WithOveruse,
    DangerousRec,
    ImportFromDerivation,
    EvalTimeSecret,
    InlineSecret,
    AutoDiscovery,
    RootService,
    FirewallDisabled,
    NixEnvUsage,
    TrivialWrapper,
    MonolithicFile,
    OptionWithoutDescription,
    SubstituterWithoutKey,
    DuplicatePackage,
    NativeBuildInput,
    MissingRunHook,
    MissingMeta,
}

impl Rule {
    /// All rules, in catalogue order.
    pub const ALL: &'static [Rule] = &[
        Rule::SyntaxError,
        Rule::BoolComparison,
        Rule::EmptyLetIn,
        Rule::ManualInherit,
        Rule::ManualInheritFrom,
        Rule::LegacyLetSyntax,
        Rule::CollapsibleLetIn,
        Rule::EtaReduction,
        Rule::UselessParens,
        Rule::EmptyPattern,
        Rule::RedundantPatternBind,
        Rule::UnquotedUri,
        Rule::EmptyInherit,
        Rule::DeprecatedToPath,
        Rule::BoolSimplification,
        Rule::UselessHasAttr,
        Rule::RepeatedKeys,
        Rule::EmptyListConcat,
        Rule::UnusedLetBinding,
        Rule::UnusedLambdaArg,
        Rule::UnusedPatternName,
        Rule::UnusedAtBind,
        Rule::MkifTrue,
        Rule::WithOveruse,
        Rule::DangerousRec,
        Rule::ImportFromDerivation,
        Rule::EvalTimeSecret,
        Rule::InlineSecret,
        Rule::AutoDiscovery,
        Rule::RootService,
        Rule::FirewallDisabled,
        Rule::NixEnvUsage,
        Rule::TrivialWrapper,
        Rule::MonolithicFile,
        Rule::OptionWithoutDescription,
        Rule::SubstituterWithoutKey,
        Rule::DuplicatePackage,
        Rule::NativeBuildInput,
        Rule::MissingRunHook,
        Rule::MissingMeta,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::SyntaxError => "syntax_error",
            Rule::BoolComparison => "bool_comparison",
            Rule::EmptyLetIn => "empty_let_in",
            Rule::ManualInherit => "manual_inherit",
            Rule::ManualInheritFrom => "manual_inherit_from",
            Rule::LegacyLetSyntax => "legacy_let_syntax",
            Rule::CollapsibleLetIn => "collapsible_let_in",
            Rule::EtaReduction => "eta_reduction",
            Rule::UselessParens => "useless_parens",
            Rule::EmptyPattern => "empty_pattern",
            Rule::RedundantPatternBind => "redundant_pattern_bind",
            Rule::UnquotedUri => "unquoted_uri",
            Rule::EmptyInherit => "empty_inherit",
            Rule::DeprecatedToPath => "deprecated_to_path",
            Rule::BoolSimplification => "bool_simplification",
            Rule::UselessHasAttr => "useless_has_attr",
            Rule::RepeatedKeys => "repeated_keys",
            Rule::EmptyListConcat => "empty_list_concat",
            Rule::UnusedLetBinding => "unused_let_binding",
            Rule::UnusedLambdaArg => "unused_lambda_arg",
            Rule::UnusedPatternName => "unused_pattern_name",
            Rule::UnusedAtBind => "unused_at_bind",
            Rule::MkifTrue => "mkif_true",
            Rule::WithOveruse => "with_overuse",
            Rule::DangerousRec => "dangerous_rec",
            Rule::ImportFromDerivation => "import_from_derivation",
            Rule::EvalTimeSecret => "eval_time_secret",
            Rule::InlineSecret => "inline_secret",
            Rule::AutoDiscovery => "auto_discovery",
            Rule::RootService => "root_service",
            Rule::FirewallDisabled => "firewall_disabled",
            Rule::NixEnvUsage => "nix_env_usage",
            Rule::TrivialWrapper => "trivial_wrapper",
            Rule::MonolithicFile => "monolithic_file",
            Rule::OptionWithoutDescription => "option_without_description",
            Rule::SubstituterWithoutKey => "substituter_without_key",
            Rule::DuplicatePackage => "duplicate_package",
            Rule::NativeBuildInput => "native_build_input",
            Rule::MissingRunHook => "missing_run_hook",
            Rule::MissingMeta => "missing_meta",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.code() == code)
    }

    pub fn default_severity(self) -> Severity {
        match self {
            Rule::SyntaxError | Rule::InlineSecret | Rule::EvalTimeSecret => Severity::Error,
            Rule::UselessParens
            | Rule::EmptyPattern
            | Rule::RedundantPatternBind
            | Rule::EtaReduction
            | Rule::RepeatedKeys
            | Rule::ManualInherit
            | Rule::ManualInheritFrom
            | Rule::CollapsibleLetIn
            | Rule::EmptyInherit
            | Rule::MonolithicFile
            | Rule::WithOveruse
            | Rule::TrivialWrapper
            | Rule::OptionWithoutDescription
            | Rule::MissingMeta => Severity::Info,
            _ => Severity::Warning,
        }
    }

    /// Rules that look at the whole file once rather than at nodes.
    pub(crate) fn is_file_rule(self) -> bool {
        matches!(
            self,
            Rule::UnusedLetBinding
                | Rule::UnusedLambdaArg
                | Rule::UnusedPatternName
                | Rule::UnusedAtBind
                | Rule::MonolithicFile
                | Rule::SubstituterWithoutKey
        )
    }

    /// The node kinds a node rule wants to see.
    fn kinds(self) -> &'static [SyntaxKind] {
        use SyntaxKind::*;
        match self {
            Rule::BoolComparison => &[NODE_BIN_OP],
            Rule::EmptyLetIn | Rule::CollapsibleLetIn => &[NODE_LET_IN],
            Rule::ManualInherit | Rule::ManualInheritFrom => &[NODE_ATTRPATH_VALUE],
            Rule::LegacyLetSyntax => &[NODE_LEGACY_LET],
            Rule::EtaReduction => &[NODE_LAMBDA],
            Rule::UselessParens => &[NODE_PAREN],
            Rule::EmptyPattern | Rule::RedundantPatternBind => &[NODE_PATTERN],
            Rule::UnquotedUri => &[NODE_LITERAL],
            Rule::EmptyInherit => &[NODE_INHERIT],
            Rule::DeprecatedToPath | Rule::MkifTrue | Rule::ImportFromDerivation => &[NODE_APPLY],
            Rule::EvalTimeSecret => &[NODE_APPLY],
            Rule::BoolSimplification => &[NODE_UNARY_OP],
            Rule::UselessHasAttr => &[NODE_IF_ELSE],
            Rule::RepeatedKeys => &[NODE_ATTR_SET],
            Rule::EmptyListConcat => &[NODE_BIN_OP],
            Rule::WithOveruse => &[NODE_WITH],
            Rule::DangerousRec => &[NODE_ATTR_SET],
            Rule::InlineSecret | Rule::AutoDiscovery | Rule::RootService => &[NODE_ATTRPATH_VALUE],
            Rule::FirewallDisabled | Rule::TrivialWrapper => &[NODE_ATTRPATH_VALUE],
            Rule::NixEnvUsage => &[NODE_STRING],
            Rule::OptionWithoutDescription => &[NODE_APPLY],
            Rule::DuplicatePackage => &[NODE_LIST],
            Rule::NativeBuildInput | Rule::MissingRunHook => &[NODE_ATTRPATH_VALUE],
            Rule::MissingMeta => &[NODE_APPLY],
            Rule::SyntaxError
            | Rule::UnusedLetBinding
            | Rule::UnusedLambdaArg
            | Rule::UnusedPatternName
            | Rule::UnusedAtBind
            | Rule::MonolithicFile
            | Rule::SubstituterWithoutKey => &[],
        }
    }

    /// The rule's documentation: its file's leading `//!` comment, without the markers.
    pub fn doc(self) -> String {
        let source = match self {
            Rule::SyntaxError => include_str!("syntax_error.rs"),
            Rule::BoolComparison => include_str!("bool_comparison.rs"),
            Rule::EmptyLetIn => include_str!("empty_let_in.rs"),
            Rule::ManualInherit => include_str!("manual_inherit.rs"),
            Rule::ManualInheritFrom => include_str!("manual_inherit_from.rs"),
            Rule::LegacyLetSyntax => include_str!("legacy_let_syntax.rs"),
            Rule::CollapsibleLetIn => include_str!("collapsible_let_in.rs"),
            Rule::EtaReduction => include_str!("eta_reduction.rs"),
            Rule::UselessParens => include_str!("useless_parens.rs"),
            Rule::EmptyPattern => include_str!("empty_pattern.rs"),
            Rule::RedundantPatternBind => include_str!("redundant_pattern_bind.rs"),
            Rule::UnquotedUri => include_str!("unquoted_uri.rs"),
            Rule::EmptyInherit => include_str!("empty_inherit.rs"),
            Rule::DeprecatedToPath => include_str!("deprecated_to_path.rs"),
            Rule::BoolSimplification => include_str!("bool_simplification.rs"),
            Rule::UselessHasAttr => include_str!("useless_has_attr.rs"),
            Rule::RepeatedKeys => include_str!("repeated_keys.rs"),
            Rule::EmptyListConcat => include_str!("empty_list_concat.rs"),
            Rule::UnusedLetBinding => include_str!("unused_let_binding.rs"),
            Rule::UnusedLambdaArg => include_str!("unused_lambda_arg.rs"),
            Rule::UnusedPatternName => include_str!("unused_pattern_name.rs"),
            Rule::UnusedAtBind => include_str!("unused_at_bind.rs"),
            Rule::MkifTrue => include_str!("mkif_true.rs"),
            Rule::WithOveruse => include_str!("with_overuse.rs"),
            Rule::DangerousRec => include_str!("dangerous_rec.rs"),
            Rule::ImportFromDerivation => include_str!("import_from_derivation.rs"),
            Rule::EvalTimeSecret => include_str!("eval_time_secret.rs"),
            Rule::InlineSecret => include_str!("inline_secret.rs"),
            Rule::AutoDiscovery => include_str!("auto_discovery.rs"),
            Rule::RootService => include_str!("root_service.rs"),
            Rule::FirewallDisabled => include_str!("firewall_disabled.rs"),
            Rule::NixEnvUsage => include_str!("nix_env_usage.rs"),
            Rule::TrivialWrapper => include_str!("trivial_wrapper.rs"),
            Rule::MonolithicFile => include_str!("monolithic_file.rs"),
            Rule::OptionWithoutDescription => include_str!("option_without_description.rs"),
            Rule::SubstituterWithoutKey => include_str!("substituter_without_key.rs"),
            Rule::DuplicatePackage => include_str!("duplicate_package.rs"),
            Rule::NativeBuildInput => include_str!("native_build_input.rs"),
            Rule::MissingRunHook => include_str!("missing_run_hook.rs"),
            Rule::MissingMeta => include_str!("missing_meta.rs"),
        };
        leading_doc(source)
    }

    /// The first line of the documentation.
    pub fn summary(self) -> String {
        self.doc().lines().next().unwrap_or_default().to_owned()
    }
}

fn leading_doc(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else { break };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out
}

/// One line of `nixstudio rules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    pub code: &'static str,
    pub default_severity: Severity,
    pub summary: String,
}

/// Every rule with its default severity and one-line summary, for `nixstudio rules`.
pub fn catalogue() -> Vec<RuleInfo> {
    Rule::ALL
        .iter()
        .map(|&rule| RuleInfo {
            code: rule.code(),
            default_severity: rule.default_severity(),
            summary: rule.summary(),
        })
        .collect()
}

/// The full documentation of the rule named `code`, for `nixstudio explain`.
pub fn explain(code: &str) -> Option<String> {
    Rule::from_code(code)
        .map(|rule| format!("{code} ({})\n\n{}", rule.default_severity().as_str(), rule.doc()))
}

/// For each syntax kind, the enabled node rules that look at it.
pub(crate) fn dispatch_table(config: &Config) -> Vec<Vec<Rule>> {
    let mut table = vec![Vec::new(); kind_index(SyntaxKind::NODE_WITH) + 1];
    for &rule in Rule::ALL {
        if !config.is_enabled(rule) {
            continue;
        }
        for &kind in rule.kinds() {
            table[kind_index(kind)].push(rule);
        }
    }
    table
}

pub(crate) fn check_node(rule: Rule, context: &mut Context, node: &SyntaxNode) {
    match rule {
        Rule::BoolComparison => bool_comparison::check(context, node),
        Rule::EmptyLetIn => empty_let_in::check(context, node),
        Rule::ManualInherit => manual_inherit::check(context, node),
        Rule::ManualInheritFrom => manual_inherit_from::check(context, node),
        Rule::LegacyLetSyntax => legacy_let_syntax::check(context, node),
        Rule::CollapsibleLetIn => collapsible_let_in::check(context, node),
        Rule::EtaReduction => eta_reduction::check(context, node),
        Rule::UselessParens => useless_parens::check(context, node),
        Rule::EmptyPattern => empty_pattern::check(context, node),
        Rule::RedundantPatternBind => redundant_pattern_bind::check(context, node),
        Rule::UnquotedUri => unquoted_uri::check(context, node),
        Rule::EmptyInherit => empty_inherit::check(context, node),
        Rule::DeprecatedToPath => deprecated_to_path::check(context, node),
        Rule::BoolSimplification => bool_simplification::check(context, node),
        Rule::UselessHasAttr => useless_has_attr::check(context, node),
        Rule::RepeatedKeys => repeated_keys::check(context, node),
        Rule::EmptyListConcat => empty_list_concat::check(context, node),
        Rule::MkifTrue => mkif_true::check(context, node),
        Rule::WithOveruse => with_overuse::check(context, node),
        Rule::DangerousRec => dangerous_rec::check(context, node),
        Rule::ImportFromDerivation => import_from_derivation::check(context, node),
        Rule::EvalTimeSecret => eval_time_secret::check(context, node),
        Rule::InlineSecret => inline_secret::check(context, node),
        Rule::AutoDiscovery => auto_discovery::check(context, node),
        Rule::RootService => root_service::check(context, node),
        Rule::FirewallDisabled => firewall_disabled::check(context, node),
        Rule::NixEnvUsage => nix_env_usage::check(context, node),
        Rule::TrivialWrapper => trivial_wrapper::check(context, node),
        Rule::OptionWithoutDescription => option_without_description::check(context, node),
        Rule::DuplicatePackage => duplicate_package::check(context, node),
        Rule::NativeBuildInput => native_build_input::check(context, node),
        Rule::MissingRunHook => missing_run_hook::check(context, node),
        Rule::MissingMeta => missing_meta::check(context, node),
        Rule::SyntaxError
        | Rule::UnusedLetBinding
        | Rule::UnusedLambdaArg
        | Rule::UnusedPatternName
        | Rule::UnusedAtBind
        | Rule::MonolithicFile
        | Rule::SubstituterWithoutKey => {}
    }
}

pub(crate) fn check_file(rule: Rule, context: &mut Context) {
    match rule {
        Rule::UnusedLetBinding => unused_let_binding::check_file(context),
        Rule::UnusedLambdaArg => unused_lambda_arg::check_file(context),
        Rule::UnusedPatternName => unused_pattern_name::check_file(context),
        Rule::UnusedAtBind => unused_at_bind::check_file(context),
        Rule::MonolithicFile => monolithic_file::check_file(context),
        Rule::SubstituterWithoutKey => substituter_without_key::check_file(context),
        _ => {}
    }
}
