//! Unified diffs of whole files, as shown in the studio, the CLI and review links.
//!
//! Lines are compared whole (newline included) with Myers' shortest-edit-script
//! algorithm after trimming the common head and tail. The output is what `diff -u` and
//! git print: three lines of context, `@@ -a,b +c,d @@` hunk headers, and
//! `\ No newline at end of file` after a last line without one. Small on purpose: this
//! runs in the browser on every edit, and a general diff library multiplied the web
//! app's size.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;
/// The most differing lines the minimal search explores; past it, the differing middle
/// of the files is shown as removed and re-added (a correct diff, just not the shortest).
const MAX_EDIT_DISTANCE: usize = 2000;

/// A unified diff (three lines of context) of one file, with `a/` and `b/` headers.
/// Returns an empty string when the texts are equal. `None` stands for a file that does
/// not exist on that side (added or deleted).
pub fn unified(path: &str, old: Option<&str>, new: Option<&str>) -> String {
    if old == new {
        return String::new();
    }
    let (old_text, new_text) = (old.unwrap_or(""), new.unwrap_or(""));
    let old_header = match old {
        Some(_) => format!("a/{path}"),
        None => "/dev/null".to_owned(),
    };
    let new_header = match new {
        Some(_) => format!("b/{path}"),
        None => "/dev/null".to_owned(),
    };
    let old_lines: Vec<&str> = old_text.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new_text.split_inclusive('\n').collect();
    let changes = changes(&old_lines, &new_lines);
    if changes.is_empty() {
        return String::new();
    }
    let terminated = old_text.ends_with('\n') || new_text.ends_with('\n');
    let mut out = format!("--- {old_header}\n+++ {new_header}\n");
    for hunk in hunks(&changes, old_lines.len(), new_lines.len()) {
        write_hunk(&mut out, hunk, &old_lines, &new_lines, terminated);
    }
    out
}

/// A run of differing lines: `old[old_start..old_end]` became `new[new_start..new_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Change {
    old_start: usize,
    old_end: usize,
    new_start: usize,
    new_end: usize,
}

/// The differing runs between the two line lists, in order.
fn changes(old: &[&str], new: &[&str]) -> Vec<Change> {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail =
        old[head..].iter().rev().zip(new[head..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (old_middle, new_middle) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let pairs = common_lines(old_middle, new_middle).unwrap_or_default();
    let mut changes = Vec::new();
    let (mut old_at, mut new_at) = (0, 0);
    for (old_index, new_index) in pairs.into_iter().chain([(old_middle.len(), new_middle.len())]) {
        if old_index > old_at || new_index > new_at {
            changes.push(Change {
                old_start: head + old_at,
                old_end: head + old_index,
                new_start: head + new_at,
                new_end: head + new_index,
            });
        }
        (old_at, new_at) = (old_index + 1, new_index + 1);
    }
    changes
}

/// The equal lines `(old index, new index)` of a shortest edit script, in order; `None`
/// when more than [`MAX_EDIT_DISTANCE`] lines differ.
fn common_lines(old: &[&str], new: &[&str]) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (old.len() as isize, new.len() as isize);
    let max = (n + m).min(MAX_EDIT_DISTANCE as isize);
    // `v[k + offset]`: the furthest x reached on diagonal k = x - y.
    let offset = max + 1;
    let mut v = vec![0_isize; 2 * offset as usize + 1];
    // `trace[d]`: v for diagonals -d-1..=d+1 as it was before step d.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max {
        let window = (offset - d - 1) as usize..=(offset + d + 1) as usize;
        trace.push(v[window].to_vec());
        for k in (-d..=d).step_by(2) {
            let index = (k + offset) as usize;
            let mut x = match k == -d || (k != d && v[index - 1] < v[index + 1]) {
                true => v[index + 1],
                false => v[index - 1] + 1,
            };
            let mut y = x - k;
            while x < n && y < m && old[x as usize] == new[y as usize] {
                x += 1;
                y += 1;
            }
            v[index] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m));
            }
        }
    }
    None
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, window) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let at = |k: isize| window[(k + d + 1) as usize];
        let k = x - y;
        let previous_k = match k == -d || (k != d && at(k - 1) < at(k + 1)) {
            true => k + 1,
            false => k - 1,
        };
        let previous_x = at(previous_k);
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        (x, y) = (previous_x, previous_y);
    }
    pairs.reverse();
    pairs
}

/// A hunk: the changes it shows and the line ranges it covers.
struct Hunk<'a> {
    changes: &'a [Change],
    old_start: usize,
    old_end: usize,
    new_start: usize,
    new_end: usize,
}

/// Groups changes whose context would touch or overlap into hunks.
fn hunks(changes: &[Change], old_len: usize, new_len: usize) -> Vec<Hunk<'_>> {
    let mut hunks = Vec::new();
    let mut first = 0;
    for index in 1..=changes.len() {
        let split = index == changes.len()
            || changes[index].old_start - changes[index - 1].old_end > 2 * CONTEXT;
        if !split {
            continue;
        }
        let (head, last) = (changes[first], changes[index - 1]);
        let before = head.old_start.min(head.new_start).min(CONTEXT);
        let after = (old_len - last.old_end).min(new_len - last.new_end).min(CONTEXT);
        hunks.push(Hunk {
            changes: &changes[first..index],
            old_start: head.old_start - before,
            old_end: last.old_end + after,
            new_start: head.new_start - before,
            new_end: last.new_end + after,
        });
        first = index;
    }
    hunks
}

fn write_hunk(out: &mut String, hunk: Hunk<'_>, old: &[&str], new: &[&str], terminated: bool) {
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        range(hunk.old_start, hunk.old_end),
        range(hunk.new_start, hunk.new_end)
    );
    let mut old_at = hunk.old_start;
    for change in hunk.changes {
        for line in &old[old_at..change.old_start] {
            write_line(out, ' ', line, terminated);
        }
        for line in &old[change.old_start..change.old_end] {
            write_line(out, '-', line, terminated);
        }
        for line in &new[change.new_start..change.new_end] {
            write_line(out, '+', line, terminated);
        }
        old_at = change.old_end;
    }
    for line in &old[old_at..hunk.old_end] {
        write_line(out, ' ', line, terminated);
    }
}

fn write_line(out: &mut String, sign: char, line: &str, terminated: bool) {
    out.push(sign);
    out.push_str(line);
    match (line.ends_with('\n'), terminated) {
        (true, _) => {}
        (false, true) => out.push_str("\n\\ No newline at end of file\n"),
        (false, false) => out.push('\n'),
    }
}

/// A hunk header range: `start,len` (1-based), `start` alone for one line, and the line
/// before for an empty range.
fn range(start: usize, end: usize) -> String {
    match end - start {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        len => format!("{},{len}", start + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_EDIT_DISTANCE, changes, unified};
    use expect_test::expect;

    /// Rebuilds `new` from `old` and the changes.
    fn replay(old: &[&str], new: &[&str]) -> (Vec<String>, usize) {
        let mut out = Vec::new();
        let mut at = 0;
        let mut edits = 0;
        for change in changes(old, new) {
            out.extend(old[at..change.old_start].iter().map(|line| line.to_string()));
            out.extend(new[change.new_start..change.new_end].iter().map(|line| line.to_string()));
            edits += change.old_end - change.old_start + change.new_end - change.new_start;
            at = change.old_end;
        }
        out.extend(old[at..].iter().map(|line| line.to_string()));
        (out, edits)
    }

    /// proptest runs natively only (it is not a wasm dev-dependency).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::replay;
        use proptest::prelude::*;

        /// The length of the longest common subsequence, by dynamic programming.
        fn lcs(old: &[&str], new: &[&str]) -> usize {
            let mut table = vec![vec![0; new.len() + 1]; old.len() + 1];
            for i in (0..old.len()).rev() {
                for j in (0..new.len()).rev() {
                    table[i][j] = match old[i] == new[j] {
                        true => table[i + 1][j + 1] + 1,
                        false => table[i + 1][j].max(table[i][j + 1]),
                    };
                }
            }
            table[0][0]
        }

        proptest! {
            #[test]
            fn changes_rebuild_the_new_text_with_a_shortest_script(
                old in proptest::collection::vec(0_u8..4, 0..40),
                new in proptest::collection::vec(0_u8..4, 0..40),
            ) {
                const LINES: [&str; 4] = ["a\n", "b\n", "c\n", "{\n"];
                let old: Vec<&str> = old.into_iter().map(|index| LINES[usize::from(index)]).collect();
                let new: Vec<&str> = new.into_iter().map(|index| LINES[usize::from(index)]).collect();
                let (rebuilt, edits) = replay(&old, &new);
                prop_assert_eq!(rebuilt, new.iter().map(|line| line.to_string()).collect::<Vec<_>>());
                prop_assert_eq!(edits, old.len() + new.len() - 2 * lcs(&old, &new));
            }
        }
    }

    #[test]
    fn distant_changes_get_separate_hunks_and_a_missing_newline_is_marked() {
        let old: String = (1..=20).map(|line| format!("l{line}\n")).collect();
        let new = old.replace("l2\n", "two\n").replace("l19\n", "").replace("l20\n", "l20");
        expect![[r#"
            --- a/f.nix
            +++ b/f.nix
            @@ -1,5 +1,5 @@
             l1
            -l2
            +two
             l3
             l4
             l5
            @@ -16,5 +16,4 @@
             l16
             l17
             l18
            -l19
            -l20
            +l20
            \ No newline at end of file
        "#]]
        .assert_eq(&unified("f.nix", Some(&old), Some(&new)));
    }

    #[test]
    fn a_rewrite_beyond_the_search_limit_is_still_a_correct_diff() {
        let old: Vec<String> = (0..MAX_EDIT_DISTANCE).map(|line| format!("old {line}\n")).collect();
        let new: Vec<String> = (0..MAX_EDIT_DISTANCE).map(|line| format!("new {line}\n")).collect();
        let old: Vec<&str> = old.iter().map(String::as_str).collect();
        let new: Vec<&str> = new.iter().map(String::as_str).collect();
        let (rebuilt, edits) = replay(&old, &new);
        assert_eq!(rebuilt, new);
        assert_eq!(edits, 2 * MAX_EDIT_DISTANCE);
    }

    #[test]
    fn one_changed_line_gives_one_hunk() {
        let old = "{\n  a = 1;\n  b = 2;\n}\n";
        let new = "{\n  a = 1;\n  b = 3;\n}\n";
        expect![[r#"
            --- a/host.nix
            +++ b/host.nix
            @@ -1,4 +1,4 @@
             {
               a = 1;
            -  b = 2;
            +  b = 3;
             }
        "#]]
        .assert_eq(&unified("host.nix", Some(old), Some(new)));
    }

    #[test]
    fn equal_texts_give_nothing_and_new_files_diff_against_dev_null() {
        assert_eq!(unified("x.nix", Some("a"), Some("a")), "");
        let added = unified("x.nix", None, Some("{ }\n"));
        assert!(added.starts_with("--- /dev/null\n+++ b/x.nix\n"), "{added}");
    }
}
