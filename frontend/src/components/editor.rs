//! The code editor: a native `<textarea>` laid exactly over a highlighted `<pre>`.
//!
//! The textarea keeps everything people expect from a text field for free — caret,
//! selection, IME composition, spell-check off, native undo, mobile keyboards, screen
//! readers — and its text is transparent, so what shows is the `<pre>` beneath, rendered
//! from the same text with the same font metrics. Both sit in one scroll container that
//! grows with the content (the textarea never scrolls itself), so they cannot drift apart
//! and no scroll syncing is needed. The line-number gutter sticks to the left edge.

use std::collections::BTreeMap;

use leptos::html;
use leptos::prelude::*;
use shared::lint::Severity;
use shared::text::{ByteRange, LineIndex};

use crate::components::highlight::{GUTTER_STYLES, Mark, TOKEN_STYLES, code_lines, gutter_lines};

/// Font, line height and tab width shared by the gutter, the `<pre>` and the textarea:
/// they must match to the pixel. Phones get 16 px text, below which iOS zooms on focus.
const METRICS: &str = "font-mono text-base leading-(--line) sm:text-[13px] [tab-size:2]";

#[component]
pub fn Editor(
    /// What the textarea is called for assistive technology.
    #[prop(into)]
    label: String,
    #[prop(into)] text: Signal<String>,
    /// Stretches to underline, by severity.
    #[prop(into)]
    marks: Signal<Vec<Mark>>,
    /// The 1-based line to highlight and scroll to; set it again to scroll again.
    #[prop(into)]
    focus_line: Signal<Option<u32>>,
    /// Every edit, with the whole new text.
    on_input: Callback<String>,
    textarea: NodeRef<html::Textarea>,
) -> impl IntoView {
    let scroller = NodeRef::<html::Div>::new();
    let line_marker = NodeRef::<html::Div>::new();
    let gutter = NodeRef::<html::Div>::new();
    let code = NodeRef::<html::Pre>::new();
    let gutter_marks = Memo::new(move |_| {
        text.with(|text| {
            let index = LineIndex::new(text);
            let mut marked: BTreeMap<u32, Severity> = BTreeMap::new();
            marks.with(|marks| {
                for mark in marks {
                    let line = index.line_col(text, mark.range.start).line;
                    let worst = marked.entry(line).or_insert(mark.severity);
                    *worst = (*worst).max(mark.severity);
                }
            });
            (index.line_count(), marked)
        })
    });
    Effect::new(move |shown: Option<Vec<String>>| {
        let lines = gutter_marks.with(|(count, marked)| gutter_lines(*count, marked));
        if let Some(gutter) = gutter.get() {
            show_lines(&gutter, shown.as_deref(), &lines);
        }
        lines
    });
    Effect::new(move |shown: Option<Vec<String>>| {
        let lines = marks.with(|marks| text.with(|text| code_lines(text, marks)));
        if let Some(code) = code.get() {
            show_lines(&code, shown.as_deref(), &lines);
        }
        lines
    });

    // The person's typing already put the text in the textarea; only text that changed
    // elsewhere (a fix, undo in the pending bar) is written back, keeping the selection
    // where it was as far as the new text allows.
    Effect::new(move |_| {
        let text = text.get();
        let Some(element) = textarea.get() else { return };
        if element.value() == text {
            return;
        }
        let start = element.selection_start().ok().flatten();
        let end = element.selection_end().ok().flatten();
        element.set_value(&text);
        if let (Some(start), Some(end)) = (start, end) {
            let length = u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX);
            let _ = element.set_selection_range(start.min(length), end.min(length));
        }
    });

    Effect::new(move |_| {
        if focus_line.get().is_none() {
            return;
        }
        // After this render has laid out the marker at its new line.
        request_animation_frame(move || {
            let (Some(scroller), Some(marker)) = (scroller.get(), line_marker.get()) else {
                return;
            };
            let top = marker.offset_top() - scroller.client_height() / 3;
            scroller.set_scroll_top(top.max(0));
        });
    });

    view! {
        <div
            node_ref=scroller
            data-editor-scroll
            class="relative max-h-[70vh] min-h-48 overflow-auto rounded-lg border border-slate-200 bg-white shadow-sm [--line:1.5rem] focus-within:border-sky-500 focus-within:ring-2 focus-within:ring-sky-500/40 sm:[--line:1.25rem] dark:border-slate-800 dark:bg-slate-950"
        >
            <div class="flex w-max min-w-full">
                <div
                    node_ref=gutter
                    aria-hidden="true"
                    class=format!(
                        "sticky left-0 z-10 min-w-10 shrink-0 select-none border-r border-slate-200 bg-slate-50 pt-2 pb-10 text-right text-slate-400 [&>div]:px-2 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-500 {METRICS} {GUTTER_STYLES}",
                    )
                ></div>
                <div class="relative flex-1">
                    <div
                        node_ref=line_marker
                        aria-hidden="true"
                        data-focus-line=move || focus_line.get()
                        class="pointer-events-none absolute inset-x-0 h-(--line) bg-amber-200/60 dark:bg-amber-400/20"
                        class:hidden=move || focus_line.get().is_none()
                        style:top=move || {
                            let line = focus_line.get().unwrap_or(1).max(1);
                            format!("calc(0.5rem + {} * var(--line))", line - 1)
                        }
                    ></div>
                    <pre
                        node_ref=code
                        aria-hidden="true"
                        class=format!(
                            "relative m-0 whitespace-pre pt-2 pr-16 pb-10 pl-3 text-slate-800 [&>div]:min-h-(--line) dark:text-slate-200 {METRICS} {TOKEN_STYLES}",
                        )
                    ></pre>
                    <textarea
                        node_ref=textarea
                        data-editor
                        aria-label=label
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        wrap="off"
                        class=format!(
                            "absolute inset-0 h-full w-full resize-none overflow-hidden whitespace-pre border-0 bg-transparent pt-2 pr-16 pb-10 pl-3 text-transparent caret-slate-900 outline-none selection:bg-sky-400/30 dark:caret-white {METRICS}",
                        )
                        on:input=move |event| on_input.run(event_target_value(&event))
                        on:scroll=move |_| {
                            if let Some(element) = textarea.get_untracked() {
                                element.set_scroll_top(0);
                                element.set_scroll_left(0);
                            }
                        }
                    ></textarea>
                </div>
            </div>
        </div>
    }
}

/// Makes `container` show `lines` (one element's outer HTML each) when it shows `shown`,
/// touching only the lines between the unchanged start and the unchanged end: typing
/// replaces one line's element, not the whole file's.
fn show_lines(container: &web_sys::Element, shown: Option<&[String]>, lines: &[String]) {
    let shown = match shown {
        Some(shown) if container.child_element_count() as usize == shown.len() => shown,
        _ => {
            container.set_inner_html(&lines.concat());
            return;
        }
    };
    let prefix = shown.iter().zip(lines).take_while(|(old, new)| old == new).count();
    let room = shown.len().min(lines.len()) - prefix;
    let suffix = shown
        .iter()
        .rev()
        .zip(lines.iter().rev())
        .take(room)
        .take_while(|(old, new)| old == new)
        .count();
    let (old_end, new_end) = (shown.len() - suffix, lines.len() - suffix);
    let children = container.children();
    let child = |index: usize| children.item(u32::try_from(index).unwrap_or(u32::MAX));
    let replaced = (old_end - prefix).min(new_end - prefix);
    for (index, line) in lines.iter().enumerate().skip(prefix).take(replaced) {
        if let Some(element) = child(index) {
            element.set_outer_html(line);
        }
    }
    if new_end > prefix + replaced {
        let inserted = lines[prefix + replaced..new_end].concat();
        let _ = match child(prefix + replaced) {
            Some(next) => next.insert_adjacent_html("beforebegin", &inserted),
            None => container.insert_adjacent_html("beforeend", &inserted),
        };
    }
    for _ in prefix + replaced..old_end {
        if let Some(element) = child(prefix + replaced) {
            element.remove();
        }
    }
}

/// Selects `range` of `text` (the textarea's content) and puts the focus there.
pub fn select(textarea: NodeRef<html::Textarea>, text: &str, range: ByteRange) {
    let Some(element) = textarea.get_untracked() else { return };
    let start = utf16_offset(text, range.start);
    let end = utf16_offset(text, range.end);
    let _ = element.focus();
    let _ = element.set_selection_range(start, end);
}

/// A byte offset of `text` as the UTF-16 offset the DOM's selection uses.
fn utf16_offset(text: &str, offset: usize) -> u32 {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    u32::try_from(text[..offset].encode_utf16().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::utf16_offset;

    #[test]
    fn byte_offsets_become_utf16_offsets() {
        let text = "é𝄞x";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, 2), 1);
        assert_eq!(utf16_offset(text, 6), 3);
        assert_eq!(utf16_offset(text, 4), 1, "inside a character it rounds down");
        assert_eq!(utf16_offset(text, 99), 4);
    }
}
