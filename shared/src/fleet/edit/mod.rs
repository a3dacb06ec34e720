//! Lossless edits of a fleet: set and unset toggles on a host, with the imports and
//! dependencies that go with them.
//!
//! Every operation returns a [`ChangeSet`]: the new content of each changed file, the
//! [`TextEdit`]s against the original content, and a unified diff. Nothing outside the
//! edit ranges changes; setting the value a host already has changes nothing.

mod bindings;
mod hosts;

use std::collections::BTreeMap;

use rnix::SyntaxKind;
use serde::Serialize;

use super::flake_parts;
use super::syntax::{binds_parameter, relative_path, strip_parens};
use super::undeclared::{entry_name, named_entry};
use super::{Dependency, DependencyKind, Fleet, Host, OptionDecl, OptionKind, Value};
use crate::diff;
use crate::files::FileSet;
use crate::text::{TextEdit, apply_edits};

pub use bindings::string_text;
pub use hosts::{
    create_host, create_host_from_template, remove_host, set_optional_module,
    switch_hardware_profile, switch_template,
};

/// A typed value for a toggle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ToggleValue {
    Bool(bool),
    Enum(String),
}

impl ToggleValue {
    /// The value as Nix source.
    pub fn literal(&self) -> String {
        match self {
            ToggleValue::Bool(value) => value.to_string(),
            ToggleValue::Enum(value) => string_text(value),
        }
    }

    fn matches(&self, value: &Value) -> bool {
        match (self, value) {
            (ToggleValue::Bool(wanted), Value::Bool(current)) => wanted == current,
            (ToggleValue::Enum(wanted), Value::String(current)) => wanted == current,
            _ => false,
        }
    }
}

impl std::fmt::Display for ToggleValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.literal())
    }
}

/// One `OPTION=VALUE` of `nixstudio set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetRequest {
    pub option: String,
    pub value: ToggleValue,
}

/// The files an edit changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ChangeSet {
    /// New content of every changed file, by path.
    pub files: BTreeMap<String, String>,
    /// The edits against each file's original content.
    pub edits: BTreeMap<String, Vec<TextEdit>>,
    /// Unified diffs of all changed files, in path order.
    pub diff: String,
    /// Files the change deletes (removing a host).
    pub deleted: Vec<String>,
    /// Edits proposed beyond the request (dependencies, imports), in words.
    pub notes: Vec<String>,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.deleted.is_empty()
    }
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum EditError {
    UnknownHost {
        host: String,
        known: Vec<String>,
    },
    UnknownOption {
        option: String,
    },
    NotAToggle {
        option: String,
    },
    NotOnHost {
        option: String,
        host: String,
        set_on: Vec<String>,
    },
    TypeMismatch {
        option: String,
        expected: String,
        given: String,
    },
    Conflict {
        option: String,
        conflicts_with: String,
        message: Option<String>,
    },
    Required {
        option: String,
        required_by: String,
        message: Option<String>,
    },
    ExpressionValued {
        option: String,
        file: String,
        line: u32,
        expression: String,
    },
    SetByShared {
        option: String,
        file: String,
        line: u32,
    },
    /// A shared file sets the option at the normal priority, so a plain setting in the host
    /// would conflict with it, and the host's file has no `lib` for a `lib.mkForce`; or the
    /// shared file forces it already.
    OverridesShared {
        option: String,
        file: String,
        line: u32,
        host_file: String,
    },
    Syntax {
        input: String,
    },
    NoPlace {
        file: String,
        reason: String,
    },
    UnknownProfile {
        profile: String,
        known: Vec<String>,
    },
    UnknownTemplate {
        template: String,
        known: Vec<String>,
    },
    HostExists {
        host: String,
    },
    Internal {
        file: String,
        reason: String,
    },
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::UnknownHost { host, known } => {
                write!(f, "unknown host `{host}`; hosts are: {}", known.join(", "))
            }
            EditError::UnknownOption { option } => write!(f, "unknown option `{option}`"),
            EditError::NotAToggle { option } => {
                write!(f, "`{option}` is not a toggle (only bool and enum options can be set)")
            }
            EditError::NotOnHost { option, host, set_on } => match named_entry(option) {
                Some(entry) => write!(
                    f,
                    "`{option}` is a setting of `{entry}`, which only {} name; if `{host}` has `{}` too, set it there by hand",
                    set_on.join(", "),
                    entry_name(entry)
                ),
                None => write!(
                    f,
                    "`{option}` is declared nowhere the studio can read (a flake input's module, or one only built at evaluation time), and only {} set it; make sure `{host}` imports that module, then set it by hand",
                    set_on.join(", ")
                ),
            },
            EditError::TypeMismatch { option, expected, given } => {
                write!(f, "`{option}` expects {expected}, not `{given}`")
            }
            EditError::Conflict { option, conflicts_with, message } => {
                write!(f, "`{option}` conflicts with `{conflicts_with}`, which is enabled")?;
                match message {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            EditError::Required { option, required_by, message } => {
                write!(
                    f,
                    "`{option}` is required by `{required_by}`, which is enabled: turn that off first"
                )?;
                match message {
                    Some(message) => write!(f, ": {message}"),
                    None => Ok(()),
                }
            }
            EditError::ExpressionValued { option, file, line, expression } => write!(
                f,
                "`{option}` is set by the expression `{expression}` at {file}:{line}; edit it by hand"
            ),
            EditError::SetByShared { option, file, line } => write!(
                f,
                "`{option}` is set at {file}:{line}, which other hosts share (a template or common module); unsetting it there would change them too"
            ),
            EditError::OverridesShared { option, file, line, host_file } => write!(
                f,
                "`{option}` is set at {file}:{line}, which other hosts share; a setting in {host_file} would conflict with it unless forced above its priority, which the studio cannot write there (no `lib`, or the shared value is already forced); edit it by hand"
            ),
            EditError::Syntax { input } => {
                write!(f, "`{input}` is not OPTION=VALUE (for example features.docker.enable=true)")
            }
            EditError::NoPlace { file, reason } => write!(f, "cannot edit {file}: {reason}"),
            EditError::UnknownProfile { profile, known } => write!(
                f,
                "unknown hardware profile `{profile}`; profiles are: {}",
                known.join(", ")
            ),
            EditError::UnknownTemplate { template, known } => {
                write!(f, "unknown template `{template}`; templates are: {}", known.join(", "))
            }
            EditError::HostExists { host } => write!(f, "host `{host}` already exists"),
            EditError::Internal { file, reason } => write!(f, "edit of {file} failed: {reason}"),
        }
    }
}

impl std::error::Error for EditError {}

/// Parses `OPTION=VALUE` against the catalogue: `true`/`false` for bools, one of the
/// values (quoted or not) for enums.
pub fn parse_request(fleet: &Fleet, input: &str) -> Result<SetRequest, EditError> {
    let (option, raw) =
        input.split_once('=').ok_or_else(|| EditError::Syntax { input: input.to_owned() })?;
    let (option, raw) = (option.trim(), raw.trim());
    if option.is_empty() || raw.is_empty() {
        return Err(EditError::Syntax { input: input.to_owned() });
    }
    let declaration = toggle(fleet, option)?;
    let value = typed_value(declaration, raw)?;
    Ok(SetRequest { option: option.to_owned(), value })
}

fn toggle<'a>(fleet: &'a Fleet, option: &str) -> Result<&'a OptionDecl, EditError> {
    let declaration = fleet
        .option(option)
        .ok_or_else(|| EditError::UnknownOption { option: option.to_owned() })?;
    match declaration.is_toggle() {
        true => Ok(declaration),
        false => Err(EditError::NotAToggle { option: option.to_owned() }),
    }
}

fn typed_value(declaration: &OptionDecl, raw: &str) -> Result<ToggleValue, EditError> {
    let mismatch = |expected: String| EditError::TypeMismatch {
        option: declaration.path.clone(),
        expected,
        given: raw.to_owned(),
    };
    match &declaration.kind {
        OptionKind::Bool => match raw {
            "true" => Ok(ToggleValue::Bool(true)),
            "false" => Ok(ToggleValue::Bool(false)),
            _ => Err(mismatch("true or false".to_owned())),
        },
        OptionKind::Enum { values } => {
            let unquoted =
                raw.strip_prefix('"').and_then(|rest| rest.strip_suffix('"')).unwrap_or(raw);
            match values.iter().any(|value| value == unquoted) {
                true => Ok(ToggleValue::Enum(unquoted.to_owned())),
                false => Err(mismatch(format!("one of {}", values.join(", ")))),
            }
        }
        OptionKind::Other { .. } => Err(EditError::NotAToggle { option: declaration.path.clone() }),
    }
}

/// Checks a typed value against the option's kind.
fn check_value(declaration: &OptionDecl, value: &ToggleValue) -> Result<(), EditError> {
    let raw = match value {
        ToggleValue::Bool(value) => value.to_string(),
        ToggleValue::Enum(value) => value.clone(),
    };
    let fits = match (&declaration.kind, value) {
        (OptionKind::Bool, ToggleValue::Bool(_)) => true,
        (OptionKind::Enum { values }, ToggleValue::Enum(value)) => values.contains(value),
        _ => false,
    };
    match fits {
        true => Ok(()),
        false => typed_value(declaration, &raw).map(|_| ()).and(Err(EditError::TypeMismatch {
            option: declaration.path.clone(),
            expected: kind_text(&declaration.kind),
            given: raw.clone(),
        })),
    }
}

fn kind_text(kind: &OptionKind) -> String {
    match kind {
        OptionKind::Bool => "true or false".to_owned(),
        OptionKind::Enum { values } => format!("one of {}", values.join(", ")),
        OptionKind::Other { .. } => "a value the studio cannot set".to_owned(),
    }
}

pub(super) fn host<'a>(fleet: &'a Fleet, host_name: &str) -> Result<&'a Host, EditError> {
    fleet.host(host_name).ok_or_else(|| EditError::UnknownHost {
        host: host_name.to_owned(),
        known: fleet.hosts.iter().map(|host| host.name.clone()).collect(),
    })
}

/// Edits collected per file against the original contents.
struct Pending<'a> {
    files: &'a FileSet,
    edits: BTreeMap<String, Vec<TextEdit>>,
    notes: Vec<String>,
    deleted: Vec<String>,
}

impl<'a> Pending<'a> {
    fn new(files: &'a FileSet) -> Pending<'a> {
        Pending { files, edits: BTreeMap::new(), notes: Vec::new(), deleted: Vec::new() }
    }

    /// Adds edits of the file `module` is in.
    fn add(&mut self, module: &str, edits: Vec<TextEdit>) {
        self.edits.entry(flake_parts::file_of(module).to_owned()).or_default().extend(edits);
    }

    /// The text of the file `module` is in.
    fn text(&self, module: &str) -> Option<&'a str> {
        self.files.get(flake_parts::file_of(module))
    }

    fn finish(self) -> Result<ChangeSet, EditError> {
        let mut change = ChangeSet { notes: self.notes, ..ChangeSet::default() };
        for (file, edits) in self.edits {
            if edits.is_empty() {
                continue;
            }
            let existing = self.files.get(&file);
            let original = existing.unwrap_or_default();
            let updated = apply_edits(original, &edits).map_err(|error| EditError::Internal {
                file: file.clone(),
                reason: error.to_string(),
            })?;
            if updated == original && existing.is_some() {
                continue;
            }
            change.diff.push_str(&diff::unified(&file, existing, Some(&updated)));
            change.files.insert(file.clone(), updated);
            change.edits.insert(file, edits);
        }
        for file in self.deleted {
            change.diff.push_str(&diff::unified(&file, self.files.get(&file), None));
            change.deleted.push(file);
        }
        Ok(change)
    }
}

/// Sets toggles on a host. Enabling a toggle also enables what it requires (noted in
/// [`ChangeSet::notes`]) and imports the declaring module when the host does not reach
/// it. A conflict with an enabled toggle, and turning off what an enabled toggle
/// requires, are errors naming both.
pub fn set_toggles(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
    requests: &[SetRequest],
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    let mut pending = Pending::new(files);
    let mut planned: Vec<SetRequest> = Vec::new();
    for request in requests {
        plan(fleet, host, request, &mut planned, &mut pending.notes, 0)?;
    }
    check_plan(fleet, host, &planned)?;
    let mut imported: Vec<String> = Vec::new();
    for (index, request) in planned.iter().enumerate() {
        let declaration = toggle(fleet, &request.option)?;
        if index >= requests.len() {
            pending
                .notes
                .push(format!("also sets {} = {} (required)", request.option, request.value));
        }
        if declaration.undeclared && !host.has(declaration) {
            return Err(EditError::NotOnHost {
                option: declaration.path.clone(),
                host: host.name.clone(),
                set_on: fleet.hosts_with(declaration).map(|host| host.name.clone()).collect(),
            });
        }
        set_one(&mut pending, host, declaration, &request.value)?;
        if !host.has(declaration) && !imported.contains(&declaration.declared_in) {
            imported.push(declaration.declared_in.clone());
            let entry_file = flake_parts::file_of(&host.entry);
            if let Some((_, output)) = flake_parts::split(&declaration.declared_in) {
                return Err(EditError::NoPlace {
                    file: entry_file.to_owned(),
                    reason: format!(
                        "`{}` is declared in the flake's own module `{output}`, which the host does not import; add it to the host's imports first",
                        declaration.path
                    ),
                });
            }
            let literal = relative_path(entry_file, &declaration.declared_in);
            let text = pending.text(&host.entry).unwrap_or_default();
            let edits = bindings::add_import(text, &host.entry, &literal)
                .map_err(|reason| EditError::NoPlace { file: entry_file.to_owned(), reason })?;
            pending.notes.push(format!("imports {} into {}", declaration.declared_in, host.entry));
            if !host.unfollowed.is_empty() {
                pending.notes.push(format!(
                    "discovery could not follow every import of {} (in {}): check that it does not import {} already",
                    host.name,
                    host.unfollowed.join(", "),
                    declaration.declared_in
                ));
            }
            pending.add(&host.entry, edits);
        }
    }
    pending.finish()
}

/// Orders the requested settings and the ones they require. A required toggle that is
/// already on — set by the host, or by its default where the host imports its module —
/// is left alone.
fn plan(
    fleet: &Fleet,
    host: &Host,
    request: &SetRequest,
    planned: &mut Vec<SetRequest>,
    notes: &mut Vec<String>,
    depth: usize,
) -> Result<(), EditError> {
    let declaration = toggle(fleet, &request.option)?;
    check_value(declaration, &request.value)?;
    if planned.iter().any(|known| known.option == request.option) || depth > 16 {
        return Ok(());
    }
    planned.push(request.clone());
    if !changes(host, request) {
        return Ok(());
    }
    for dependency in &fleet.dependencies {
        if dependency.kind != DependencyKind::Requires
            || dependency.from != request.option
            || !in_play(dependency.when.as_deref(), &request.value)
        {
            continue;
        }
        let other = &dependency.to;
        let set_by_expression =
            host.values.get(other).is_some_and(|set| matches!(set.value, Value::Expression(_)));
        if set_by_expression {
            notes.push(format!(
                "{} requires {other}, which this host sets by an expression; check it by hand",
                request.option
            ));
        } else if !is_on(fleet, host, planned, other, None) && fleet.option(other).is_some() {
            let required = SetRequest { option: other.clone(), value: ToggleValue::Bool(true) };
            plan(fleet, host, &required, planned, notes, depth + 1)?;
        }
    }
    Ok(())
}

/// Refuses a plan that leaves the host with two conflicting toggles on, or with a toggle
/// on without what it requires. Judged on the host as the whole plan leaves it, so the
/// order of the requests does not matter; settings the plan does not change are not
/// judged (an already inconsistent host is not this edit's doing).
fn check_plan(fleet: &Fleet, host: &Host, planned: &[SetRequest]) -> Result<(), EditError> {
    for request in planned.iter().filter(|request| changes(host, request)) {
        for dependency in &fleet.dependencies {
            let refusal = match dependency.kind {
                DependencyKind::Conflicts => conflict(fleet, host, planned, request, dependency),
                DependencyKind::Requires => requirement(fleet, host, planned, request, dependency),
            };
            if let Some(refusal) = refusal {
                return Err(refusal);
            }
        }
    }
    Ok(())
}

/// The conflict `request` runs into through `dependency`, if the other side is on.
fn conflict(
    fleet: &Fleet,
    host: &Host,
    planned: &[SetRequest],
    request: &SetRequest,
    dependency: &Dependency,
) -> Option<EditError> {
    let when = dependency.when.as_deref();
    // The other side, and the value of it that is in conflict.
    let (other, other_when) = if dependency.from == request.option {
        in_play(when, &request.value).then_some((&dependency.to, None))?
    } else if dependency.to == request.option && turns_on(&request.value) {
        (&dependency.from, when)
    } else {
        return None;
    };
    is_on(fleet, host, planned, other, other_when).then(|| EditError::Conflict {
        option: request.option.clone(),
        conflicts_with: other.clone(),
        message: dependency.message.clone(),
    })
}

/// The refusal of turning off what `dependency` says an enabled toggle requires.
fn requirement(
    fleet: &Fleet,
    host: &Host,
    planned: &[SetRequest],
    request: &SetRequest,
    dependency: &Dependency,
) -> Option<EditError> {
    let turned_off = dependency.to == request.option && request.value == ToggleValue::Bool(false);
    let needed =
        turned_off && is_on(fleet, host, planned, &dependency.from, dependency.when.as_deref());
    needed.then(|| EditError::Required {
        option: request.option.clone(),
        required_by: dependency.from.clone(),
        message: dependency.message.clone(),
    })
}

/// Whether `request` changes what the host sets.
fn changes(host: &Host, request: &SetRequest) -> bool {
    !host.values.get(&request.option).is_some_and(|set| request.value.matches(&set.value))
}

/// Whether a value turns a toggle on: `true`, or any choice of an enum.
fn turns_on(value: &ToggleValue) -> bool {
    match value {
        ToggleValue::Bool(value) => *value,
        ToggleValue::Enum(_) => true,
    }
}

/// Whether a dependency declared for the value `when` (any "on" value when `None`) holds
/// for `value`.
fn in_play(when: Option<&str>, value: &ToggleValue) -> bool {
    match (when, value) {
        (None, ToggleValue::Bool(on)) => *on,
        (Some(when), ToggleValue::Enum(chosen)) => when == chosen,
        _ => false,
    }
}

/// Whether `option` is on (or, with `when`, set to that choice) on the host once `planned`
/// is applied: the planned value, else the host's own setting, else the option's default
/// where the host imports the module declaring it (or the plan will).
fn is_on(
    fleet: &Fleet,
    host: &Host,
    planned: &[SetRequest],
    option: &str,
    when: Option<&str>,
) -> bool {
    if let Some(request) = planned.iter().find(|request| request.option == option) {
        return match when {
            None => request.value == ToggleValue::Bool(true),
            Some(when) => request.value == ToggleValue::Enum(when.to_owned()),
        };
    }
    let Some(declaration) = fleet.option(option) else { return false };
    // The plan imports the module of every toggle it sets, so their defaults apply too.
    let imported_by_plan = || {
        planned.iter().any(|request| {
            fleet
                .option(&request.option)
                .is_some_and(|planned| planned.declared_in == declaration.declared_in)
        })
    };
    let value = host
        .value(declaration)
        .or_else(|| declaration.default.as_ref().filter(|_| imported_by_plan()));
    match (when, value) {
        (None, Some(Value::Bool(on))) => *on,
        (Some(when), Some(Value::String(chosen))) => when == chosen,
        _ => false,
    }
}

fn set_one(
    pending: &mut Pending,
    host: &Host,
    declaration: &OptionDecl,
    value: &ToggleValue,
) -> Result<(), EditError> {
    let current = host.values.get(&declaration.path);
    if let Some(current) = current {
        if value.matches(&current.value) {
            return Ok(());
        }
        if let Value::Expression(expression) = &current.value {
            return Err(EditError::ExpressionValued {
                option: declaration.path.clone(),
                file: current.file.clone(),
                line: current.line,
                expression: expression.clone(),
            });
        }
        if !current.shared {
            let text = pending.text(&current.file).unwrap_or_default();
            let written = text.get(current.inner_range.start..current.inner_range.end);
            // `x = enabled;` stands for `x.enable = true`: its flip is `x = disabled;`.
            let literal = match (written, value) {
                (Some("enabled" | "disabled"), ToggleValue::Bool(true)) => "enabled".to_owned(),
                (Some("enabled" | "disabled"), ToggleValue::Bool(false)) => "disabled".to_owned(),
                _ => value.literal(),
            };
            pending
                .add(&current.file, vec![bindings::replace_value(current.inner_range, &literal)]);
            return Ok(());
        }
    }
    let path: Vec<String> = declaration.path.split('.').map(ToOwned::to_owned).collect();
    let file = neighbour_file(host, &path);
    let text = pending.text(file).ok_or_else(|| EditError::NoPlace {
        file: flake_parts::file_of(file).to_owned(),
        reason: match file == host.entry {
            // A host made of shared modules and settings written inline where it is
            // defined (an installer image's), or whose listed module is missing.
            true => format!(
                "the file does not exist: `{}` has no module file of its own to write its settings in",
                host.name
            ),
            false => "the file does not exist".to_owned(),
        },
    })?;
    let mut literal = value.literal();
    // A template or shared file's `x = true;` and the host's `x = false;` are two
    // definitions at one priority, which NixOS refuses: the host's must be forced. One
    // under `mkDefault` gives way by itself; one under `mkForce` (or an unknown
    // `mkOverride`) cannot be outdone by `mkForce`, and is refused.
    if let Some(current) = current.filter(|current| current.shared) {
        let level = current.priority.as_ref().map_or(Some(100), |priority| priority.level);
        if level.is_none_or(|level| level <= 100) {
            if !binds_lib(text, file) || level.is_none_or(|level| level < 100) {
                return Err(EditError::OverridesShared {
                    option: declaration.path.clone(),
                    file: current.file.clone(),
                    line: current.line,
                    host_file: file.to_owned(),
                });
            }
            literal = format!("lib.mkForce {literal}");
        }
    }
    let inserted = bindings::insert_setting(text, file, &path, &literal);
    let (file, edits) = match inserted {
        Ok(edits) => (file, edits),
        Err(_) if file != host.entry => {
            let text = pending.text(&host.entry).unwrap_or_default();
            if let Some(current) = current.filter(|_| literal != value.literal())
                && !binds_lib(text, &host.entry)
            {
                return Err(EditError::OverridesShared {
                    option: declaration.path.clone(),
                    file: current.file.clone(),
                    line: current.line,
                    host_file: host.entry.clone(),
                });
            }
            let edits = bindings::insert_setting(text, &host.entry, &path, &literal)
                .map_err(|reason| EditError::NoPlace { file: host.entry.clone(), reason })?;
            (host.entry.as_str(), edits)
        }
        Err(reason) => {
            return Err(EditError::NoPlace { file: flake_parts::file_of(file).to_owned(), reason });
        }
    };
    pending.add(file, edits);
    Ok(())
}

/// Whether `module`'s function takes `lib` (`{ lib, ... }:`), its file's text being `text`.
fn binds_lib(text: &str, module: &str) -> bool {
    let root = rnix::Root::parse(text).syntax();
    let function = match flake_parts::split(module) {
        Some((_, output)) => flake_parts::module_value(&root, output),
        None => root.children().next(),
    };
    function.map(strip_parens).is_some_and(|function| {
        function.kind() == SyntaxKind::NODE_LAMBDA && binds_parameter(&function, "lib")
    })
}

/// The host file where settings of the option's namespace already live: the file of the
/// host's own setting sharing the longest part of the path (at least two parts, such as
/// `modules.services`), else the host's entry.
fn neighbour_file<'a>(host: &'a Host, path: &[String]) -> &'a str {
    let mut best: Option<(usize, &str)> = None;
    for (option, set) in host.values.iter() {
        if set.shared {
            continue;
        }
        let shared = option.split('.').zip(path).take_while(|(left, right)| left == right).count();
        if shared >= 2 && best.is_none_or(|(most, _)| shared > most) {
            best = Some((shared, set.file.as_str()));
        }
    }
    best.map_or(host.entry.as_str(), |(_, file)| file)
}

/// Removes a host's own setting of a toggle (and attribute sets it leaves empty). A toggle
/// the host does not set gives an empty change set.
pub fn unset_toggle(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
    option: &str,
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    let declaration = toggle(fleet, option)?;
    let mut pending = Pending::new(files);
    if let Some(current) = host.values.get(&declaration.path) {
        if current.shared {
            return Err(EditError::SetByShared {
                option: option.to_owned(),
                file: current.file.clone(),
                line: current.line,
            });
        }
        let text = pending.text(&current.file).unwrap_or_default();
        let edits = bindings::remove_setting(text, &current.file, current.binding_range)
            .map_err(|reason| EditError::NoPlace { file: current.file.clone(), reason })?;
        pending.add(&current.file, edits);
    }
    pending.finish()
}
