//! Unified diffs of whole files, as shown in the studio, the CLI and review links.

use similar::TextDiff;

/// A unified diff (three lines of context) of one file, with `a/` and `b/` headers.
/// Returns an empty string when the texts are equal. `None` stands for a file that does
/// not exist on that side (added or deleted).
pub fn unified(path: &str, old: Option<&str>, new: Option<&str>) -> String {
    let (old_text, new_text) = (old.unwrap_or(""), new.unwrap_or(""));
    if old == new {
        return String::new();
    }
    let old_header = match old {
        Some(_) => format!("a/{path}"),
        None => "/dev/null".to_owned(),
    };
    let new_header = match new {
        Some(_) => format!("b/{path}"),
        None => "/dev/null".to_owned(),
    };
    let diff = TextDiff::from_lines(old_text, new_text);
    let mut out = String::new();
    let body = diff.unified_diff().context_radius(3).header(&old_header, &new_header).to_string();
    out.push_str(&body);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unified;
    use expect_test::expect;

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
