//! The edit guarantees, checked over every demo host × every toggle × set/unset, and by
//! proptest over a generated large fleet: only the reported ranges change, results parse
//! (rnix and, when it judged the original fine, real `nix-instantiate --parse`), comments
//! survive, the host then has the value asked for, setting the current value is a no-op,
//! and set-then-unset restores the original text.

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use shared::files::FileSet;
use shared::fleet::{
    ChangeSet, EditError, Fleet, OptionKind, SetRequest, ToggleValue, Value, discover, set_toggles,
    unset_toggle,
};

use proptest::prelude::*;
use shared::generate::fleet::{FleetShape, GeneratedFleet, generate_shape};

use super::demo_fleet;

/// What one checked edit did, for the tallies tests assert on.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub changed: usize,
    pub unchanged: usize,
    pub refused: usize,
}

/// A value for `option` that differs from the host's current one.
fn other_value(fleet: &Fleet, host: &str, option: &str) -> Option<ToggleValue> {
    let declaration = fleet.option(option)?;
    let current = fleet.host(host)?.values.get(option).map(|set| set.value.clone());
    match &declaration.kind {
        OptionKind::Bool => Some(ToggleValue::Bool(current != Some(Value::Bool(true)))),
        OptionKind::Enum { values } => values
            .iter()
            .find(|value| current.as_ref() != Some(&Value::String((*value).clone())))
            .map(|value| ToggleValue::Enum(value.clone())),
        OptionKind::Other { .. } => None,
    }
}

fn comment_count(text: &str) -> usize {
    rnix::Root::parse(text)
        .syntax()
        .descendants_with_tokens()
        .filter(|element| element.kind() == rnix::SyntaxKind::TOKEN_COMMENT)
        .count()
}

fn parses(text: &str) -> bool {
    rnix::Root::parse(text).errors().is_empty()
}

/// Texts to judge with `nix-instantiate --parse`, in one batch: (label, original, updated).
pub type NixQueue = Vec<(String, String, String)>;

/// `nix-instantiate --parse` accepts every file given. CI installs nix-bin; this check
/// must not be skipped.
fn nix_parses(paths: &[std::path::PathBuf]) -> bool {
    let output = Command::new("nix-instantiate")
        .arg("--parse")
        .args(paths)
        .output()
        .expect("nix-instantiate must be installed (apt-get install nix-bin)");
    output.status.success()
}

/// Judges the queued edits: an edit must never make Nix's verdict worse than on the
/// original text (Nix 2.8 rejects a few modern files outright).
pub fn check_with_nix(queue: &NixQueue) {
    static BATCHES: AtomicUsize = AtomicUsize::new(0);
    let batch = BATCHES.fetch_add(1, Ordering::Relaxed);
    let directory =
        std::env::temp_dir().join(format!("nixstudio-fleet-{}-{batch}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let write = |index: usize, suffix: &str, text: &str| {
        let path = directory.join(format!("{index}-{suffix}.nix"));
        std::fs::write(&path, text).unwrap();
        path
    };
    let updated: Vec<_> =
        queue.iter().enumerate().map(|(index, (_, _, new))| write(index, "new", new)).collect();
    if nix_parses(&updated) {
        std::fs::remove_dir_all(&directory).unwrap();
        return;
    }
    for (index, (label, original, _)) in queue.iter().enumerate() {
        let original_path = write(index, "old", original);
        if nix_parses(std::slice::from_ref(&original_path)) {
            assert!(
                nix_parses(std::slice::from_ref(&updated[index])),
                "{label}: nix-instantiate rejects the edit"
            );
        }
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Checks the guarantees of one change against the files it was made on.
fn check_change(files: &FileSet, change: &ChangeSet, nix: &mut NixQueue) {
    for (path, updated) in &change.files {
        let original = files.get(path).unwrap();
        let edits = &change.edits[path];
        assert_eq!(&shared::text::apply_edits(original, edits).unwrap(), updated, "{path}");
        let mut sorted = edits.clone();
        sorted.sort_by_key(|edit| edit.range);
        let (mut old_cursor, mut new_cursor) = (0, 0);
        for edit in &sorted {
            let kept = &original[old_cursor..edit.range.start];
            assert_eq!(
                &updated[new_cursor..new_cursor + kept.len()],
                kept,
                "{path}: bytes outside edits"
            );
            new_cursor += kept.len() + edit.replacement.len();
            old_cursor = edit.range.end;
        }
        assert_eq!(&updated[new_cursor..], &original[old_cursor..], "{path}: tail");
        assert!(
            comment_count(updated) >= comment_count(original),
            "{path}: a comment was lost\n{}",
            change.diff
        );
        if parses(original) {
            assert!(parses(updated), "{path} no longer parses with rnix:\n{}", change.diff);
        }
        nix.push((format!("{path}\n{}", change.diff), original.to_owned(), updated.clone()));
    }
}

fn apply(files: &FileSet, change: &ChangeSet) -> FileSet {
    let mut updated = files.clone();
    for (path, content) in &change.files {
        updated.insert(path, content.clone()).unwrap();
    }
    updated
}

/// Sets one toggle on one host and checks every guarantee; unsets it again.
pub fn check_toggle(
    files: &FileSet,
    fleet: &Fleet,
    host: &str,
    option: &str,
    nix: &mut NixQueue,
) -> Tally {
    let mut tally = Tally::default();
    let Some(value) = other_value(fleet, host, option) else { return tally };
    let before = fleet.host(host).unwrap().values.get(option).cloned();
    if let Some(current) = &before
        && let Value::String(text) = &current.value
    {
        let same = SetRequest { option: option.to_owned(), value: ToggleValue::Enum(text.clone()) };
        assert!(
            set_toggles(files, fleet, host, &[same]).unwrap().is_empty(),
            "{host} {option}: no-op"
        );
    }
    if let Some(current) = &before
        && let Value::Bool(flag) = current.value
    {
        let same = SetRequest { option: option.to_owned(), value: ToggleValue::Bool(flag) };
        assert!(
            set_toggles(files, fleet, host, &[same]).unwrap().is_empty(),
            "{host} {option}: no-op"
        );
    }
    let request = SetRequest { option: option.to_owned(), value: value.clone() };
    let change = match set_toggles(files, fleet, host, &[request]) {
        Ok(change) => change,
        Err(
            EditError::ExpressionValued { .. }
            | EditError::Conflict { .. }
            | EditError::Required { .. }
            | EditError::NotOnHost { .. },
        ) => {
            tally.refused += 1;
            return tally;
        }
        Err(error) => panic!("{host} {option}={value}: {error}"),
    };
    check_change(files, &change, nix);
    if change.is_empty() {
        tally.unchanged += 1;
        return tally;
    }
    tally.changed += 1;
    let updated_files = apply(files, &change);
    let updated_fleet = discover(&updated_files);
    let now = updated_fleet.host(host).unwrap().values.get(option).map(|set| set.value.clone());
    let expected = match &value {
        ToggleValue::Bool(flag) => Value::Bool(*flag),
        ToggleValue::Enum(text) => Value::String(text.clone()),
    };
    assert_eq!(now, Some(expected), "{host} {option}={value}:\n{}", change.diff);
    let was_own_setting = before.as_ref().is_some_and(|set| !set.shared);
    let unset = unset_toggle(&updated_files, &updated_fleet, host, option)
        .unwrap_or_else(|error| panic!("unset {host} {option}: {error}\n{}", change.diff));
    check_change(&updated_files, &unset, nix);
    if !was_own_setting && change.notes.is_empty() {
        let restored = apply(&updated_files, &unset);
        assert_eq!(
            restored, *files,
            "{host} {option}: set then unset must restore\n{}\n{}",
            change.diff, unset.diff
        );
    }
    tally
}

/// Checks every toggle on every host, one thread per host (discovery in a debug build
/// is slow, and each changed case rediscovers the fleet).
fn check_every_toggle(files: &FileSet) -> Tally {
    let fleet = discover(files);
    let results: Vec<(Tally, NixQueue)> = std::thread::scope(|scope| {
        let workers: Vec<_> = fleet
            .hosts
            .iter()
            .map(|host| {
                let fleet = &fleet;
                scope.spawn(move || {
                    let mut tally = Tally::default();
                    let mut nix = NixQueue::new();
                    for option in fleet.toggles() {
                        let one = check_toggle(files, fleet, &host.name, &option.path, &mut nix);
                        tally.changed += one.changed;
                        tally.unchanged += one.unchanged;
                        tally.refused += one.refused;
                    }
                    (tally, nix)
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).collect()
    });
    let mut total = Tally::default();
    let mut nix = NixQueue::new();
    for (tally, queue) in results {
        total.changed += tally.changed;
        total.unchanged += tally.unchanged;
        total.refused += tally.refused;
        nix.extend(queue);
    }
    check_with_nix(&nix);
    total
}

#[test]
fn every_demo_host_and_toggle() {
    let total = check_every_toggle(&demo_fleet());
    assert_eq!(total, Tally { changed: 899, unchanged: 0, refused: 55 });
}

/// A generated fleet small enough for a debug build, in the same shapes as the large one.
fn generated() -> GeneratedFleet {
    let shape =
        FleetShape { hosts: 2, categories: 2, modules_per_category: 1, first_host_lines: 900 };
    generate_shape(11, shape)
}

#[test]
fn every_generated_host_and_toggle() {
    let total = check_every_toggle(&generated().files);
    assert_eq!(total, Tally { changed: 62, unchanged: 0, refused: 0 });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn edits_keep_every_byte_outside_their_ranges(seed in 0u64..1_000, host_pick in 0usize..100, toggle_pick in 0usize..10_000) {
        let shape = FleetShape { hosts: 2, categories: 2, modules_per_category: 2, first_host_lines: 200 };
        let GeneratedFleet { files, .. } = generate_shape(seed, shape);
        let fleet = discover(&files);
        let host = &fleet.hosts[host_pick % fleet.hosts.len()];
        let toggles: Vec<_> = fleet.toggles().collect();
        let option = toggles[toggle_pick % toggles.len()];
        let mut nix = NixQueue::new();
        check_toggle(&files, &fleet, &host.name, &option.path, &mut nix);
        check_with_nix(&nix);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Discovery never panics, whatever a file has become: cut short anywhere, or with
    /// junk spliced in.
    #[test]
    fn discovery_never_panics_on_broken_files(file_pick in 0usize..1_000, cut in 0usize..100_000, junk in "[{}()\\[\\];=.:\"'$ a-z0-9\n#/+-]{0,12}") {
        let mut files = demo_fleet();
        let paths: Vec<String> = files.paths().filter(|path| path.ends_with(".nix")).map(ToOwned::to_owned).collect();
        let path = &paths[file_pick % paths.len()];
        let text = files.get(path).unwrap().to_owned();
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + 7).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let broken = format!("{}{junk}{}", &text[..at], &text[at..end]);
        files.insert(path, broken).unwrap();
        let fleet = discover(&files);
        prop_assert!(!fleet.hosts.is_empty());
    }
}
