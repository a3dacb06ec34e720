//! NixOS modules written inline as outputs of flake-parts modules, as the "dendritic"
//! layout does: `flake.modules.nixos.<name> = { … };` (or `flake.nixosModules.<name>`) in
//! any file of the tree `import-tree ./modules` loads, imported as
//! `config.flake.modules.nixos.<name>`, `inputs.self.modules.nixos.<name>`, or by name
//! inside `with config.flake.modules.nixos; [ … ]`.
//!
//! Such a module has no file of its own. Discovery names it by its file and output
//! ([`address`]: `modules/hosts/laptop.nix#modules.nixos.laptop`); everything that reads a
//! module's text reads its file ([`file_of`]) and its body from there ([`module_body`]).
//! One name may be defined in several files: importing it imports every definition.

use rnix::{SyntaxKind, SyntaxNode};

use super::syntax::{binding_parts, bindings, body_of, is_ident, root_expression, strip_parens};

/// The output paths (below `flake`) whose entries are NixOS modules.
const CLASSES: [&[&str]; 2] = [&["modules", "nixos"], &["nixosModules"]];

/// The name of the inline module `output` (`modules.nixos.laptop`) of `file`.
pub fn address(file: &str, output: &str) -> String {
    format!("{file}#{output}")
}

/// The file and output of an inline module's address; `None` for a module that is a file.
pub fn split(module: &str) -> Option<(&str, &str)> {
    // Discovery asks this of every path it reads: a search for one byte rules out nearly
    // all of them.
    module.match_indices('#').find_map(|(at, _)| {
        let (file, output) = (&module[..at], &module[at + 1..]);
        let names_class = CLASSES.iter().any(|class| {
            let mut rest = output;
            for name in *class {
                let Some(after) = rest.strip_prefix(name).and_then(|after| after.strip_prefix('.'))
                else {
                    return false;
                };
                rest = after;
            }
            !rest.is_empty()
        });
        (file.ends_with(".nix") && names_class).then_some((file, output))
    })
}

/// The file a module is written in: the module itself, or the file of an inline one.
pub fn file_of(module: &str) -> &str {
    split(module).map_or(module, |(file, _)| file)
}

/// The output path (below `flake`) of a NixOS module named `name` in `class` (as written
/// in a reference: `["modules", "nixos"]` or `["nixosModules"]`).
pub fn output(class: &[String], name: &str) -> Option<String> {
    CLASSES
        .iter()
        .any(|known| known.iter().eq(class.iter()))
        .then(|| format!("{}.{name}", class.join(".")))
}

/// When `names` select from one of the flake's own module classes (the names after `self`
/// or `flake`: `config.flake.modules.nixos`, `inputs.self.nixosModules.base`): that base
/// name, the class and the names after it.
pub fn own_class(names: &[String]) -> Option<(&str, &[String], &[String])> {
    let base = names.iter().position(|name| name == "self" || name == "flake")?;
    let rest = &names[base + 1..];
    let class = CLASSES
        .iter()
        .find(|class| rest.len() >= class.len() && class.iter().eq(rest[..class.len()].iter()))?;
    let (class, after) = rest.split_at(class.len());
    Some((&names[base], class, after))
}

/// One definition of a NixOS module in a flake-parts module: the module's output path
/// (`modules.nixos.base`), and its value, or, for a binding into the module
/// (`flake.modules.nixos.base.imports = [ … ];`), the path inside it and that value.
pub struct Defined {
    pub output: String,
    pub inside: Vec<String>,
    pub value: SyntaxNode,
}

/// The NixOS modules a flake-parts module file defines inline: set nested, dotted or mixed
/// (`flake = { modules.nixos.base = …; }`), in the module's result or, when the result
/// inherits `flake`, in its `let`.
pub fn defined(root: &SyntaxNode) -> Vec<Defined> {
    let mut found = Vec::new();
    let mut let_bound = Vec::new();
    let mut current = root_expression(root);
    while let Some(node) = current {
        current = match node.kind() {
            SyntaxKind::NODE_LAMBDA => node.children().nth(1).map(strip_parens),
            SyntaxKind::NODE_LET_IN => {
                let_bound.extend(bindings(&node).filter_map(|binding| binding_parts(&binding)));
                node.children().last().map(strip_parens)
            }
            SyntaxKind::NODE_WITH | SyntaxKind::NODE_ASSERT => {
                node.children().nth(1).map(strip_parens)
            }
            SyntaxKind::NODE_ATTR_SET => {
                let inherits_flake = node
                    .children()
                    .filter(|child| child.kind() == SyntaxKind::NODE_INHERIT)
                    .filter(|inherit| {
                        inherit.children().all(|part| part.kind() != SyntaxKind::NODE_INHERIT_FROM)
                    })
                    .flat_map(|inherit| inherit.descendants())
                    .any(|name| is_ident(&name, "flake"));
                let own = bindings(&node).filter_map(|binding| binding_parts(&binding));
                let lets = let_bound.drain(..).filter(|_| inherits_flake);
                for (path, value) in own.chain(lets).collect::<Vec<_>>() {
                    if path.first().is_some_and(|first| first == "flake") {
                        outputs_in(&path[1..], value, &mut found);
                    }
                }
                None
            }
            _ => None,
        };
    }
    found
}

fn outputs_in(path: &[String], value: SyntaxNode, found: &mut Vec<Defined>) {
    for class in CLASSES {
        if path.len() > class.len() && class.iter().eq(path[..class.len()].iter()) {
            if !path[class.len()].contains('.') {
                found.push(Defined {
                    output: path[..=class.len()].join("."),
                    inside: path[class.len() + 1..].to_vec(),
                    value,
                });
            }
            return;
        }
    }
    let leads_to_class = CLASSES
        .iter()
        .any(|class| path.len() <= class.len() && class[..path.len()].iter().eq(path.iter()));
    let value = strip_parens(value);
    if !leads_to_class || value.kind() != SyntaxKind::NODE_ATTR_SET {
        return;
    }
    for (inner, inner_value) in bindings(&value).filter_map(|binding| binding_parts(&binding)) {
        let longer: Vec<String> = path.iter().cloned().chain(inner).collect();
        outputs_in(&longer, inner_value, found);
    }
}

/// The bindings into the module `output` (`flake.modules.nixos.base.imports = [ … ];`), as
/// the path inside the module and the value.
pub fn bindings_into(root: &SyntaxNode, output: &str) -> Vec<(Vec<String>, SyntaxNode)> {
    defined(root)
        .into_iter()
        .filter(|defined| defined.output == output && !defined.inside.is_empty())
        .map(|defined| (defined.inside, defined.value))
        .collect()
}

/// The value the file binds to `output` as a whole.
pub fn module_value(root: &SyntaxNode, output: &str) -> Option<SyntaxNode> {
    defined(root)
        .into_iter()
        .find(|defined| defined.output == output && defined.inside.is_empty())
        .map(|defined| defined.value)
}

/// The body of an inline module (below its function header and `let`s).
pub fn module_body(root: &SyntaxNode, output: &str) -> Option<SyntaxNode> {
    module_value(root, output).map(body_of)
}
