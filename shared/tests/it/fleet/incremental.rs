//! Discovery with a cache kept between runs gives what a fresh run gives, after every edit
//! of a sequence: toggle flips, files that stop parsing, files deleted and added back,
//! files restored to their committed text, and `nixstudio.toml` coming and going.

use proptest::prelude::*;
use serde_json::Value as Json;
use shared::files::FileSet;
use shared::fleet::{
    DiscoveryCache, Fleet, OptionKind, SetRequest, ToggleValue, Value, discover, discover_cached,
    set_toggles,
};
use shared::generate::fleet::{FleetShape, generate_shape};

use super::demo_fleet;

/// One edit, with indexes that pick a host, a toggle or a file modulo how many there are.
#[derive(Debug, Clone)]
enum Edit {
    /// Flips a toggle on a host as the Composer does (which may also add an import).
    Flip {
        host: usize,
        toggle: usize,
    },
    /// Splices junk into a file at a byte offset, as a half-typed edit does.
    Break {
        file: usize,
        at: usize,
        junk: String,
    },
    /// Appends a comment: new content, same meaning.
    Touch {
        file: usize,
    },
    Delete {
        file: usize,
    },
    /// Puts a file of the original repository back as it was committed.
    Restore {
        file: usize,
    },
    /// Writes or removes a `nixstudio.toml` that narrows the toggles.
    Config {
        write: bool,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    let index = 0usize..10_000;
    prop_oneof![
        4 => (index.clone(), index.clone()).prop_map(|(host, toggle)| Edit::Flip { host, toggle }),
        2 => (index.clone(), 0usize..100_000, "[{}()\\[\\];=.\" a-z\n]{1,6}")
            .prop_map(|(file, at, junk)| Edit::Break { file, at, junk }),
        1 => index.clone().prop_map(|file| Edit::Touch { file }),
        2 => index.clone().prop_map(|file| Edit::Delete { file }),
        2 => index.prop_map(|file| Edit::Restore { file }),
        1 => any::<bool>().prop_map(|write| Edit::Config { write }),
    ]
}

/// Applies `edit` to `files`; `original` is the repository before any edit and `fleet`
/// what discovery made of `files`.
fn apply(edit: &Edit, files: &mut FileSet, original: &FileSet, fleet: &Fleet) {
    let pick = |paths: Vec<&str>, index: usize| paths[index % paths.len()].to_owned();
    let nix_files = |files: &FileSet| -> Vec<String> {
        files.paths().filter(|path| path.ends_with(".nix")).map(ToOwned::to_owned).collect()
    };
    match edit {
        Edit::Flip { host, toggle } => {
            let Some(host) = fleet.hosts.get(host % fleet.hosts.len().max(1)) else { return };
            let toggles: Vec<_> = fleet.toggles().collect();
            let Some(option) = toggles.get(toggle % toggles.len().max(1)) else { return };
            let current = host.values.get(&option.path).map(|set| &set.value);
            let value = match &option.kind {
                OptionKind::Enum { values } => {
                    let other = values
                        .iter()
                        .find(|value| current != Some(&Value::String((*value).clone())));
                    match other {
                        Some(value) => ToggleValue::Enum(value.clone()),
                        None => return,
                    }
                }
                _ => ToggleValue::Bool(current != Some(&Value::Bool(true))),
            };
            let request = [SetRequest { option: option.path.clone(), value }];
            let Ok(change) = set_toggles(files, fleet, &host.name, &request) else { return };
            for (path, content) in change.files {
                files.insert(&path, content).unwrap();
            }
        }
        Edit::Break { file, at, junk } => {
            let paths = nix_files(files);
            if paths.is_empty() {
                return;
            }
            let path = pick(paths.iter().map(String::as_str).collect(), *file);
            let text = files.get(&path).unwrap();
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let broken = format!("{}{junk}{}", &text[..at], &text[at..]);
            files.insert(&path, broken).unwrap();
        }
        Edit::Touch { file } => {
            let paths = nix_files(files);
            if paths.is_empty() {
                return;
            }
            let path = pick(paths.iter().map(String::as_str).collect(), *file);
            let touched = format!("{}\n# touched\n", files.get(&path).unwrap());
            files.insert(&path, touched).unwrap();
        }
        Edit::Delete { file } => {
            let paths = nix_files(files);
            if paths.is_empty() {
                return;
            }
            files.remove(&pick(paths.iter().map(String::as_str).collect(), *file));
        }
        Edit::Restore { file } => {
            let path = pick(original.paths().collect(), *file);
            // A new `Arc` with the committed text, as the studio makes when an edit is undone.
            let committed = original.get(&path).unwrap().to_owned();
            files.insert(&path, committed).unwrap();
        }
        Edit::Config { write: true } => {
            let config = "[fleet]\ntoggle_roots = [\"features\"]\n";
            files.insert("nixstudio.toml", config).unwrap();
        }
        Edit::Config { write: false } => {
            files.remove("nixstudio.toml");
        }
    }
}

/// Where two JSON renderings first differ, with both values there.
fn first_difference(at: &str, cached: &Json, fresh: &Json) -> Option<String> {
    if cached == fresh {
        return None;
    }
    match (cached, fresh) {
        (Json::Object(cached_fields), Json::Object(fresh_fields)) => {
            cached_fields.keys().chain(fresh_fields.keys()).find_map(|key| {
                let (left, right) = (&cached_fields.get(key), &fresh_fields.get(key));
                match (left, right) {
                    (Some(left), Some(right)) => {
                        first_difference(&format!("{at}.{key}"), left, right)
                    }
                    _ => Some(format!("{at}.{key}: cached {left:?}, fresh {right:?}")),
                }
            })
        }
        (Json::Array(cached_items), Json::Array(fresh_items))
            if cached_items.len() == fresh_items.len() =>
        {
            cached_items.iter().zip(fresh_items).enumerate().find_map(|(index, (left, right))| {
                first_difference(&format!("{at}[{index}]"), left, right)
            })
        }
        _ => Some(format!("{at}: cached {cached}, fresh {fresh}")),
    }
}

/// Discovers `files` with `cache` and afresh; `None` when the two agree.
fn disagreement(files: &FileSet, cache: &mut DiscoveryCache) -> (Fleet, Option<String>) {
    let cached = serde_json::to_value(discover_cached(files, cache)).unwrap();
    let fresh = discover(files);
    let difference = first_difference("fleet", &cached, &serde_json::to_value(&fresh).unwrap());
    (fresh, difference)
}

/// Runs `edits` on `original` with one cache for the whole sequence, checking every step.
fn check_sequence(original: &FileSet, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut cache = DiscoveryCache::new();
    let mut files = original.clone();
    let (mut fleet, difference) = disagreement(&files, &mut cache);
    prop_assert!(difference.is_none(), "before any edit: {difference:?}");
    for (step, edit) in edits.iter().enumerate() {
        apply(edit, &mut files, original, &fleet);
        let (fresh, difference) = disagreement(&files, &mut cache);
        prop_assert!(difference.is_none(), "after edit {step} {edit:?}: {difference:?}");
        fleet = fresh;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn cached_discovery_of_the_demo_fleet_equals_a_fresh_one(edits in prop::collection::vec(edit(), 1..10)) {
        check_sequence(&demo_fleet(), &edits)?;
    }

    #[test]
    fn cached_discovery_of_a_generated_fleet_equals_a_fresh_one(seed in 0u64..1_000, edits in prop::collection::vec(edit(), 1..10)) {
        let shape = FleetShape { hosts: 3, categories: 3, modules_per_category: 2, first_host_lines: 200 };
        check_sequence(&generate_shape(seed, shape).files, &edits)?;
    }
}

/// Edits the property test draws at random, once each in a fixed order, so every run
/// covers them: a host file that stops parsing and parses again, a module its host
/// imports deleted and added back, and a host's entry file deleted and added back.
#[test]
fn a_file_breaking_and_files_coming_and_going() {
    let original = demo_fleet();
    let host_file = "hosts/p620/configuration.nix";
    let module = "modules/programs/ai/default.nix";
    let mut files = original.clone();
    let mut cache = DiscoveryCache::new();
    let mut check = |files: &FileSet, what: &str| -> Fleet {
        let (fresh, difference) = disagreement(files, &mut cache);
        assert_eq!(difference, None, "{what}");
        fresh
    };
    let before = check(&files, "before any edit");
    let reached = |fleet: &Fleet| {
        fleet.host("p620").is_some_and(|host| host.imports.iter().any(|file| file == module))
    };
    assert!(reached(&before), "p620 imports {module}");

    let broken = format!("{} {{ ", original.get(host_file).unwrap());
    files.insert(host_file, broken).unwrap();
    let fleet = check(&files, "host file broken");
    assert!(
        fleet
            .problems
            .iter()
            .any(|problem| problem.path == host_file
                && problem.message.starts_with("does not parse"))
    );

    files.insert(host_file, original.get(host_file).unwrap()).unwrap();
    check(&files, "host file restored");

    files.remove(module);
    let fleet = check(&files, "module deleted");
    assert!(!reached(&fleet), "{module} is gone");

    files.insert(module, original.get(module).unwrap()).unwrap();
    let fleet = check(&files, "module added back");
    assert!(reached(&fleet), "{module} is back");

    files.remove(host_file);
    let fleet = check(&files, "host entry deleted");
    assert!(!reached(&fleet), "p620 reaches nothing without its entry");

    files.insert(host_file, original.get(host_file).unwrap()).unwrap();
    let fleet = check(&files, "host entry added back");
    assert!(reached(&fleet), "p620 reaches {module} again");
}

/// A module that several hosts reach changes what it imports: every one of them sees it.
#[test]
fn a_shared_module_changing_its_imports() {
    let shape =
        FleetShape { hosts: 4, categories: 3, modules_per_category: 3, first_host_lines: 200 };
    let original = generate_shape(5, shape).files;
    let index = "modules/development/default.nix";
    let dropped = "modules/development/developmentSvc01.nix";
    let mut cache = DiscoveryCache::new();
    let (before, difference) = disagreement(&original, &mut cache);
    assert_eq!(difference, None, "before the edit");
    let reaching = |fleet: &Fleet| -> Vec<String> {
        let reaches = |host: &&shared::fleet::Host| host.imports.iter().any(|file| file == dropped);
        fleet.hosts.iter().filter(reaches).map(|host| host.name.clone()).collect()
    };
    assert!(reaching(&before).len() >= 2, "several hosts reach {dropped}: {:?}", reaching(&before));

    let mut files = original.clone();
    let text = original.get(index).unwrap().replace("    ./developmentSvc01.nix\n", "");
    files.insert(index, text).unwrap();
    let (after, difference) = disagreement(&files, &mut cache);
    assert_eq!(difference, None, "after {index} dropped an import");
    assert_eq!(reaching(&after), Vec::<String>::new());
}

#[test]
fn a_flip_hands_out_the_same_options_catalogue() {
    let original = demo_fleet();
    let mut cache = DiscoveryCache::new();
    let before = discover_cached(&original, &mut cache);
    let mut files = original.clone();
    apply(&Edit::Flip { host: 0, toggle: 0 }, &mut files, &original, &before);
    let flipped = files.iter().filter(|&(path, content)| original.get(path) != Some(content));
    assert_eq!(flipped.count(), 1, "the flip edits one file");
    let after = discover_cached(&files, &mut cache);
    assert!(std::sync::Arc::ptr_eq(&before.options, &after.options));
}

/// A module added to a folder that a host imports whole is reached as soon as it is there,
/// and no longer once it is gone.
#[test]
fn a_module_coming_and_going_in_a_folder_imported_whole() {
    let original = super::fileset(super::discover::HELPER_WITH_FOLDER_OF_MODULES);
    let added = "modules/shell/zsh.nix";
    let mut cache = DiscoveryCache::new();
    let reached = |fleet: &Fleet| {
        fleet.host("udon").is_some_and(|host| host.imports.iter().any(|file| file == added))
    };
    let (before, difference) = disagreement(&original, &mut cache);
    assert_eq!(difference, None, "before the edit");
    assert!(!reached(&before));

    let mut files = original.clone();
    files.insert(added, "{ ... }: { }\n").unwrap();
    let (after, difference) = disagreement(&files, &mut cache);
    assert_eq!(difference, None, "after {added} was added");
    assert!(reached(&after), "udon reaches {added}");

    files.remove(added);
    let (gone, difference) = disagreement(&files, &mut cache);
    assert_eq!(difference, None, "after {added} was removed");
    assert!(!reached(&gone));
}

/// In a flake-parts tree, a definition of one of the flake's own modules added in a new
/// file, moved into a file that named none, or removed, changes the hosts importing that
/// module at once; a flip inside one keeps agreeing with a fresh run.
#[test]
fn the_flake_own_modules_changing_their_definitions() {
    let original = super::fileset(
        r#"
//- flake.nix
{ outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules); }
//- modules/hosts.nix
{ inputs, config, ... }:
{
  flake.nixosConfigurations.pi = inputs.nixpkgs.lib.nixosSystem {
    modules = [ config.flake.modules.nixos.pi ];
  };
}
//- modules/pi.nix
{ config, ... }:
{
  flake.modules.nixos.pi = { imports = [ config.flake.modules.nixos.ssh ]; services.openssh.enable = true; };
}
//- modules/ssh.nix
{ flake.modules.nixos.ssh = { services.fail2ban.enable = true; }; }
//- modules/notes.nix
{ perSystem = { }; }
"#,
    );
    let reached = |fleet: &Fleet, module: &str| {
        fleet.host("pi").is_some_and(|host| host.imports.iter().any(|known| known == module))
    };
    let added = "modules/backup.nix#modules.nixos.ssh";
    let moved = "modules/notes.nix#modules.nixos.ssh";
    let mut cache = DiscoveryCache::new();
    let mut files = original.clone();
    let mut check = |files: &FileSet, what: &str| -> Fleet {
        let (fresh, difference) = disagreement(files, &mut cache);
        assert_eq!(difference, None, "{what}");
        fresh
    };
    assert!(!reached(&check(&files, "before any edit"), added));

    files.insert("modules/backup.nix", "{ flake.modules.nixos.ssh = { }; }\n").unwrap();
    assert!(reached(&check(&files, "a file defining ssh added"), added));

    files.insert("modules/notes.nix", "{ flake.modules.nixos.ssh = { }; }\n").unwrap();
    assert!(reached(&check(&files, "a file naming no module now defines ssh"), moved));

    let text = original.get("modules/pi.nix").unwrap().replace("enable = true", "enable = false");
    files.insert("modules/pi.nix", text).unwrap();
    check(&files, "a flip inside the host's module");

    files.remove("modules/backup.nix");
    assert!(!reached(&check(&files, "the added file removed"), added));
}
