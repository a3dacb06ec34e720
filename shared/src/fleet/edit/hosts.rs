//! Host-level edits: switch a host's hardware profile or template, create a host by
//! copying another or from a template, remove a host. Each changes path literals, names or whole lines only.

use rnix::{SyntaxKind, SyntaxNode};

use super::super::flake_parts;
use super::super::hosts::{FLAKE, definitions};
use super::super::sources::Sources;
use std::collections::BTreeMap;

use super::super::syntax::{
    binding_parts, bindings, directory_of, first_child, ident_name, path_literal, range_of,
    relative_path, root_expression, select_parts, string_literal,
};
use super::bindings::{add_import, deletion_range, insert_after, string_text};
use super::{ChangeSet, EditError, Pending, host};
use crate::files::{FileSet, resolve};
use crate::fleet::{Fleet, Host, ProfileStyle, Template, TemplateHow};
use crate::text::{ByteRange, TextEdit};

/// The files in a host's folder, which are the host's own.
fn own_files<'a>(files: &'a FileSet, host: &Host) -> Vec<(&'a str, &'a str)> {
    let folder = format!("{}/", directory_of(&host.entry));
    files.iter().filter(|(path, _)| path.starts_with(&folder) && path.ends_with(".nix")).collect()
}

/// Refuses a host whose entry is a module written inline in a flake-parts module
/// ([`flake_parts`]): its folder is no host's own, so edits that work on the host's files
/// as a whole would touch other hosts' modules.
fn in_own_file(host: &Host) -> Result<(), EditError> {
    match flake_parts::split(&host.entry) {
        Some((file, output)) => Err(EditError::NoPlace {
            file: file.to_owned(),
            reason: format!(
                "host `{}` is the flake's own module `{output}`; the studio only sets its toggles",
                host.name
            ),
        }),
        None => Ok(()),
    }
}

/// Path literals in `text` with the repository file each names.
fn path_literals(file: &str, text: &str) -> Vec<(ByteRange, String)> {
    rnix::Root::parse(text)
        .syntax()
        .descendants()
        .filter_map(|node| {
            let literal = path_literal(&node)?;
            Some((range_of(&node), resolve(file, &literal)?))
        })
        .collect()
}

/// Points every reference the host's own files make to a hardware profile of the same
/// style at the profile named `profile` (data profiles from `variables.nix`, profile
/// modules in `imports`). nixos-hardware modules are left alone and noted.
pub fn switch_hardware_profile(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
    profile: &str,
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    in_own_file(host)?;
    let targets: Vec<_> =
        fleet.hardware_profiles.iter().filter(|known| known.name == profile).collect();
    if targets.is_empty() {
        let mut known: Vec<String> =
            fleet.hardware_profiles.iter().map(|known| known.name.clone()).collect();
        known.dedup();
        return Err(EditError::UnknownProfile { profile: profile.to_owned(), known });
    }
    let style_of = |file: &str| {
        fleet.hardware_profiles.iter().find(|known| known.file == file).map(|known| known.style)
    };
    let mut pending = Pending::new(files);
    let mut switched = 0;
    for (file, text) in own_files(files, host) {
        for (range, target) in path_literals(file, text) {
            let Some(style) = style_of(&target) else { continue };
            let Some(replacement) = targets.iter().find(|known| known.style == style) else {
                continue;
            };
            if replacement.file == target {
                continue;
            }
            pending
                .add(file, vec![TextEdit::replace(range, relative_path(file, &replacement.file))]);
            switched += 1;
        }
    }
    if switched == 0
        && host.hardware_profiles.iter().all(|file| style_of(file) != Some(ProfileStyle::Data))
    {
        return Err(EditError::NoPlace {
            file: host.entry.clone(),
            reason: format!("`{host_name}` names no hardware profile in its own files to switch"),
        });
    }
    if !host.nixos_hardware.is_empty() {
        pending.notes.push(format!(
            "nixos-hardware modules left as they are: {}",
            host.nixos_hardware.join(", ")
        ));
    }
    pending.finish()
}

/// Switches the host to the template named `template`: `hostTypes.<old>…` selections
/// become `hostTypes.<new>…`, and path literals to the old template file point at the new one.
pub fn switch_template(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
    template: &str,
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    in_own_file(host)?;
    let Some(target) = fleet.templates.iter().find(|known| known.name == template) else {
        let known = fleet.templates.iter().map(|known| known.name.clone()).collect();
        return Err(EditError::UnknownTemplate { template: template.to_owned(), known });
    };
    let Some(current) = &host.template else {
        return Err(EditError::NoPlace {
            file: host.entry.clone(),
            reason: format!("`{host_name}` uses no template to switch"),
        });
    };
    let mut pending = Pending::new(files);
    if current.file == target.file {
        return pending.finish();
    }
    for (file, text) in own_files(files, host) {
        let root = rnix::Root::parse(text).syntax();
        for node in root.descendants() {
            if let Some(range) = template_name_in_select(&node, &current.name) {
                pending.add(file, vec![TextEdit::replace(range, template)]);
            }
        }
        for (range, named) in path_literals(file, text) {
            if named == current.file || format!("{named}/default.nix") == current.file {
                pending
                    .add(file, vec![TextEdit::replace(range, relative_path(file, &target.file))]);
            }
        }
    }
    let change = pending.finish()?;
    match change.is_empty() {
        true => Err(EditError::NoPlace {
            file: host.entry.clone(),
            reason: format!("found no reference to template `{}` to switch", current.name),
        }),
        false => Ok(change),
    }
}

/// The range of `name` in a selection such as `hostTypes.<name>.imports` or `hostTypes.<name>`.
fn template_name_in_select(node: &SyntaxNode, name: &str) -> Option<ByteRange> {
    let (_, names) = select_parts(node)?;
    let position = names.iter().position(|part| part == name)?;
    let is_template_use = position + 1 == names.len() || names[position + 1] == "imports";
    if !is_template_use {
        return None;
    }
    let attrpath = node.children().find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)?;
    attrpath.children().nth(position).map(|attr| range_of(&attr))
}

/// Creates `new_name` by copying `source`'s folder (its quoted name, `"source"`, becomes
/// `"new_name"` in the copies) and registering it in `flake.nix` beside the source, in
/// the same form.
pub fn create_host(
    files: &FileSet,
    fleet: &Fleet,
    source_name: &str,
    new_name: &str,
) -> Result<ChangeSet, EditError> {
    let source = host(fleet, source_name)?;
    in_own_file(source)?;
    check_new_name(fleet, new_name)?;
    let source_folder = directory_of(&source.entry);
    let new_folder = match source_folder.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/{new_name}"),
        None => new_name.to_owned(),
    };
    let mut pending = Pending::new(files);
    let prefix = format!("{source_folder}/");
    for (path, content) in files.iter().filter(|(path, _)| path.starts_with(&prefix)) {
        let copy = content.replace(&format!("\"{source_name}\""), &format!("\"{new_name}\""));
        let new_path = format!("{new_folder}/{}", &path[prefix.len()..]);
        if files.contains(&new_path) {
            return Err(EditError::HostExists { host: new_name.to_owned() });
        }
        pending.add(&new_path, vec![TextEdit::insert(0, copy)]);
    }
    register_in_flake(&mut pending, files, source_name, new_name)?;
    pending.notes.push(format!("copied {source_folder}/ to {new_folder}/"));
    pending.finish()
}

/// Refuses a name that is taken or is not a plain host name (letters, digits, `-`, `_`).
fn check_new_name(fleet: &Fleet, new_name: &str) -> Result<(), EditError> {
    let valid = !new_name.is_empty()
        && new_name.chars().all(|character| {
            character.is_ascii_alphanumeric() || character == '-' || character == '_'
        });
    match fleet.host(new_name).is_none() && valid {
        true => Ok(()),
        false => Err(EditError::HostExists { host: new_name.to_owned() }),
    }
}

/// Registers `new_name` in `flake.nix` beside `source_name`, in the same form.
fn register_in_flake(
    pending: &mut Pending,
    files: &FileSet,
    source_name: &str,
    new_name: &str,
) -> Result<(), EditError> {
    let (binding, flake_text) = flake_binding(files, source_name)?;
    let line = renamed_binding(flake_text, &binding, new_name)
        .replace(&format!("\"{source_name}\""), &format!("\"{new_name}\""));
    let line = replace_path_segment(&line, source_name, new_name);
    pending.add(FLAKE, vec![insert_after(flake_text, &binding, &line)]);
    Ok(())
}

/// Creates `new_name` from the template named `template`: a new folder beside the other
/// hosts with an entry file that uses the template the way the fleet's hosts do
/// (`hostTypes.<template>.imports ++ [ … ]` or importing the template module), a
/// placeholder `hardware-configuration.nix`, `networking.hostName` and the
/// `system.stateVersion` of an existing host; registered in `flake.nix` like that host.
pub fn create_host_from_template(
    files: &FileSet,
    fleet: &Fleet,
    template: &str,
    new_name: &str,
) -> Result<ChangeSet, EditError> {
    let Some(target) = fleet.templates.iter().find(|known| known.name == template) else {
        let known = fleet.templates.iter().map(|known| known.name.clone()).collect();
        return Err(EditError::UnknownTemplate { template: template.to_owned(), known });
    };
    check_new_name(fleet, new_name)?;
    let model = model_host(fleet, target).ok_or_else(|| EditError::NoPlace {
        file: FLAKE.to_owned(),
        reason: "the fleet has no host to follow".to_owned(),
    })?;
    in_own_file(model)?;
    let model_folder = directory_of(&model.entry);
    let folder = match model_folder.rsplit_once('/') {
        Some((parent, _)) => format!("{parent}/{new_name}"),
        None => new_name.to_owned(),
    };
    let prefix = format!("{folder}/");
    if files.paths().any(|path| path.starts_with(&prefix)) {
        return Err(EditError::HostExists { host: new_name.to_owned() });
    }
    let entry_name = model.entry.rsplit('/').next().unwrap_or("configuration.nix");
    let entry = format!("{folder}/{entry_name}");
    let (state_version, state_source) = state_version(files, fleet, model)?;
    let usage = template_usage(files, model, target, &entry);
    let text = entry_text(new_name, &usage, &state_version, state_source);
    let mut pending = Pending::new(files);
    pending.add(&entry, vec![TextEdit::insert(0, text)]);
    pending.add(
        &format!("{folder}/hardware-configuration.nix"),
        vec![TextEdit::insert(0, hardware_placeholder(&folder))],
    );
    register_in_flake(&mut pending, files, &model.name, new_name)?;
    pending.notes.push(format!(
        "uses template `{template}` the way {} does; registered in {FLAKE} like {}",
        model.name, model.name
    ));
    pending.notes.push(format!(
        "{folder}/hardware-configuration.nix is a placeholder: run nixos-generate-config on the machine"
    ));
    pending.finish()
}

/// The host whose way of using a template the new host follows: one using the fleet's
/// most common template form and entry file name, the same template if possible.
fn model_host<'a>(fleet: &'a Fleet, target: &Template) -> Option<&'a Host> {
    let most_common = |values: Vec<String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for value in values {
            *counts.entry(value).or_default() += 1;
        }
        counts.into_iter().max_by_key(|(_, count)| *count).map(|(value, _)| value)
    };
    let form = |host: &Host| host.template.as_ref().map(|used| format!("{:?}", used.how));
    let entry_name = |host: &Host| host.entry.rsplit('/').next().unwrap_or_default().to_owned();
    let common_form = most_common(fleet.hosts.iter().filter_map(form).collect());
    let common_entry = most_common(fleet.hosts.iter().map(entry_name).collect());
    let score = |host: &Host| {
        let same_template = host.template.as_ref().is_some_and(|used| used.file == target.file);
        (
            host.template.is_some(),
            form(host) == common_form,
            Some(entry_name(host)) == common_entry,
            same_template,
        )
    };
    let best = fleet.hosts.iter().map(score).max()?;
    fleet.hosts.iter().find(|host| score(host) == best)
}

/// How the new entry uses the template: a `let` binding to copy (if any), the
/// expression naming the template, and whether only its imports are used.
struct TemplateUsage {
    binding: Option<String>,
    arguments: Vec<String>,
    expression: String,
    imports_only: bool,
}

/// Reads how `model` refers to its template and rewrites that for `target`, with path
/// literals made relative to `entry`. Falls back to importing the template file.
fn template_usage(files: &FileSet, model: &Host, target: &Template, entry: &str) -> TemplateUsage {
    let fallback = TemplateUsage {
        binding: None,
        arguments: Vec::new(),
        expression: relative_path(entry, &target.file),
        imports_only: false,
    };
    let Some(current) = &model.template else { return fallback };
    let text = files.get(&model.entry).unwrap_or_default();
    let root = rnix::Root::parse(text).syntax();
    let found = root.descendants().find_map(|node| {
        let range = template_name_in_select(&node, &current.name)?;
        Some((node, range))
    });
    let Some((select, name_range)) = found else { return fallback };
    let select_range = range_of(&select);
    let expression = format!(
        "{}{}{}",
        &text[select_range.start..name_range.start],
        target.name,
        &text[name_range.end..select_range.end]
    );
    let binding = select_parts(&select)
        .and_then(|(base, _)| ident_name(&base))
        .and_then(|base| let_binding(&select, &base));
    let arguments = match &binding {
        Some(binding) => used_arguments(&root, binding),
        None => Vec::new(),
    };
    let binding = binding.map(|binding| rebased_text(text, &model.entry, &binding, entry));
    TemplateUsage {
        binding,
        arguments,
        expression,
        imports_only: current.how == TemplateHow::ImportsOnly,
    }
}

/// The `let` binding of `name` in scope at `node`.
fn let_binding(node: &SyntaxNode, name: &str) -> Option<SyntaxNode> {
    node.ancestors().filter(|ancestor| ancestor.kind() == SyntaxKind::NODE_LET_IN).find_map(
        |let_in| {
            bindings(&let_in).find(|binding| {
                binding_parts(binding).is_some_and(|(path, _)| path.len() == 1 && path[0] == name)
            })
        },
    )
}

/// The file's function arguments (`{ lib, ... }:`) that `binding` uses.
fn used_arguments(root: &SyntaxNode, binding: &SyntaxNode) -> Vec<String> {
    let Some(lambda) = root_expression(root).filter(|node| node.kind() == SyntaxKind::NODE_LAMBDA)
    else {
        return Vec::new();
    };
    let Some(pattern) = first_child(&lambda) else { return Vec::new() };
    let used: Vec<String> = binding.descendants().filter_map(|node| ident_name(&node)).collect();
    pattern
        .children()
        .filter(|child| child.kind() == SyntaxKind::NODE_PAT_ENTRY)
        .filter_map(|entry| first_child(&entry).and_then(|ident| ident_name(&ident)))
        .filter(|name| used.contains(name))
        .collect()
}

/// The text of `node` in `file`, with its path literals pointing at the same files from `to`.
fn rebased_text(text: &str, file: &str, node: &SyntaxNode, to: &str) -> String {
    let range = range_of(node);
    let edits: Vec<TextEdit> = node
        .descendants()
        .filter_map(|literal_node| {
            let literal = path_literal(&literal_node)?;
            let target = resolve(file, &literal)?;
            let literal_range = range_of(&literal_node);
            let shifted =
                ByteRange::new(literal_range.start - range.start, literal_range.end - range.start);
            Some(TextEdit::replace(shifted, relative_path(to, &target)))
        })
        .collect();
    let original = &text[range.start..range.end];
    crate::text::apply_edits(original, &edits).unwrap_or_else(|_| original.to_owned())
}

/// A `system.stateVersion` string an existing host sets, preferring `model`, with that host.
fn state_version<'a>(
    files: &FileSet,
    fleet: &'a Fleet,
    model: &'a Host,
) -> Result<(String, &'a str), EditError> {
    let candidates = std::iter::once(model).chain(fleet.hosts.iter());
    for candidate in candidates {
        for (_, text) in own_files(files, candidate) {
            let root = rnix::Root::parse(text).syntax();
            let version = root.descendants().find_map(|node| {
                let (path, value) = binding_parts(&node)?;
                let names_state_version = path == ["stateVersion"]
                    || path.ends_with(&["system".to_owned(), "stateVersion".to_owned()]);
                names_state_version.then(|| string_literal(&value)).flatten()
            });
            if let Some(version) = version {
                return Ok((version, &candidate.name));
            }
        }
    }
    Err(EditError::NoPlace {
        file: model.entry.clone(),
        reason: "no host sets `system.stateVersion` to a plain string to copy".to_owned(),
    })
}

fn entry_text(
    host_name: &str,
    usage: &TemplateUsage,
    state_version: &str,
    state_source: &str,
) -> String {
    let arguments = match usage.arguments.is_empty() {
        true => "{ ... }:".to_owned(),
        false => format!("{{ {}, ... }}:", usage.arguments.join(", ")),
    };
    let binding = match &usage.binding {
        Some(binding) => format!("let\n  {binding}\nin\n"),
        None => String::new(),
    };
    let imports = match usage.imports_only {
        true => format!("{} ++ [\n    ./hardware-configuration.nix\n  ]", usage.expression),
        false => format!("[\n    {}\n    ./hardware-configuration.nix\n  ]", usage.expression),
    };
    format!(
        "# {host_name}: created by nixstudio from a template.\n\
         {arguments}\n\
         {binding}\
         {{\n\
         \x20 imports = {imports};\n\
         \n\
         \x20 networking.hostName = {};\n\
         \n\
         \x20 # Copied from {state_source}. Set it to the NixOS release this machine is first\n\
         \x20 # installed with, then never change it.\n\
         \x20 system.stateVersion = {};\n\
         }}\n",
        string_text(host_name),
        string_text(state_version),
    )
}

fn hardware_placeholder(folder: &str) -> String {
    format!(
        "# PLACEHOLDER: generate this file on the machine itself with\n\
         #   nixos-generate-config --show-hardware-config > {folder}/hardware-configuration.nix\n\
         # and commit the result. Until then the host has no file systems or boot loader\n\
         # and will not build.\n\
         {{ ... }}:\n\
         {{\n\
         }}\n"
    )
}

/// Removes a host: its folder and its line in `flake.nix`.
pub fn remove_host(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    in_own_file(host)?;
    let (binding, flake_text) = flake_binding(files, host_name)?;
    let mut pending = Pending::new(files);
    pending.add(FLAKE, vec![TextEdit::delete(deletion_range(flake_text, range_of(&binding)))]);
    let prefix = format!("{}/", directory_of(&host.entry));
    pending.deleted =
        files.paths().filter(|path| path.starts_with(&prefix)).map(ToOwned::to_owned).collect();
    pending.finish()
}

/// The binding defining `host_name` under `nixosConfigurations`, with the flake's text.
fn flake_binding<'a>(
    files: &'a FileSet,
    host_name: &str,
) -> Result<(SyntaxNode, &'a str), EditError> {
    let no_binding = || EditError::NoPlace {
        file: FLAKE.to_owned(),
        reason: format!("no `{host_name} = …;` under nixosConfigurations"),
    };
    let text = files.get(FLAKE).ok_or_else(no_binding)?;
    let flake_only: FileSet = std::iter::once((FLAKE.to_owned(), text.to_owned())).collect();
    let sources = Sources::new(&flake_only);
    let binding = definitions(&sources, &mut Vec::new())
        .into_iter()
        .find(|(name, _)| name == host_name)
        .and_then(|(_, value)| value.parent())
        .filter(|binding| binding.kind() == SyntaxKind::NODE_ATTRPATH_VALUE)
        .ok_or_else(no_binding)?;
    Ok((binding, text))
}

/// The binding's text with the last attribute of its path (the host name) replaced.
fn renamed_binding(text: &str, binding: &SyntaxNode, new_name: &str) -> String {
    let range = range_of(binding);
    let name = binding
        .children()
        .find(|child| child.kind() == SyntaxKind::NODE_ATTRPATH)
        .and_then(|attrpath| attrpath.children().last())
        .map(|attr| range_of(&attr));
    match name {
        Some(name) => {
            format!("{}{new_name}{}", &text[range.start..name.start], &text[name.end..range.end])
        }
        None => text[range.start..range.end].to_owned(),
    }
}

/// Replaces the path segment `/old` (followed by `/`, a quote, a space or the end) with `/new`.
fn replace_path_segment(text: &str, old: &str, new: &str) -> String {
    let needle = format!("/{old}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(&needle) {
        let after = &rest[found + needle.len()..];
        let ends_segment = after.chars().next().is_none_or(|next| {
            !(next.is_ascii_alphanumeric() || next == '-' || next == '_' || next == '.')
        });
        out.push_str(&rest[..found]);
        match ends_segment {
            true => out.push_str(&format!("/{new}")),
            false => out.push_str(&needle),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Turns an optional module on for a host (adds the import to its entry) or off (removes
/// the import line from the host's own files).
pub fn set_optional_module(
    files: &FileSet,
    fleet: &Fleet,
    host_name: &str,
    module_name: &str,
    enabled: bool,
) -> Result<ChangeSet, EditError> {
    let host = host(fleet, host_name)?;
    in_own_file(host)?;
    let Some(module) = fleet.optional_modules.iter().find(|known| known.name == module_name) else {
        return Err(EditError::UnknownOption { option: module_name.to_owned() });
    };
    let reached = module.hosts.iter().any(|name| name == host_name);
    let mut pending = Pending::new(files);
    match (enabled, reached) {
        (true, true) | (false, false) => {}
        (true, false) => {
            let text = files.get(&host.entry).unwrap_or_default();
            let edits = add_import(text, &host.entry, &relative_path(&host.entry, &module.file))
                .map_err(|reason| EditError::NoPlace { file: host.entry.clone(), reason })?;
            pending.add(&host.entry, edits);
        }
        (false, true) => {
            for (file, text) in own_files(files, host) {
                let root = rnix::Root::parse(text).syntax();
                for node in root.descendants() {
                    let in_list =
                        node.parent().is_some_and(|parent| parent.kind() == SyntaxKind::NODE_LIST);
                    let names_module = path_literal(&node)
                        .and_then(|literal| resolve(file, &literal))
                        .is_some_and(|target| target == module.file);
                    if in_list && names_module {
                        pending.add(
                            file,
                            vec![TextEdit::delete(deletion_range(text, range_of(&node)))],
                        );
                    }
                }
            }
            if pending.edits.is_empty() {
                return Err(EditError::NoPlace {
                    file: host.entry.clone(),
                    reason: format!(
                        "{} is imported by a shared module, not by the host's own files",
                        module.file
                    ),
                });
            }
        }
    }
    pending.finish()
}
