//! `/companies/:slug/history`: every published revision, and what changed
//! between two of them (`?from=2&to=5`; the two latest by default). The
//! comparison form is a GET form, so it works without JavaScript and the
//! comparison can be shared as a link.

use crate::api::companies::{pitch_history, FundingChange, HistoryData, RevisionView, SectionDiff};
use crate::components::access::AccessNotice;
use crate::components::editor::{use_company_slug, EditorHeader, EditorTab};
use crate::components::forms::Text;
use crate::components::status::Loading;
use crate::domain::company::Funding;
use crate::domain::diff::{DiffLine, LineChange};
use crate::domain::money::format_won;
use crate::domain::seoul_time::{format_date, format_date_time};
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Unchanged lines kept on each side of a change; longer unchanged runs
/// fold into one "N lines unchanged" row.
const CONTEXT_LINES: usize = 2;

/// A row of a shown diff.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Row {
    Line(DiffLine),
    /// This many unchanged lines, folded.
    Folded(usize),
}

/// Keeps every changed line and `context` unchanged lines around each
/// change; folds longer unchanged runs (a single hidden line is shown
/// rather than replaced by a marker of the same size).
fn fold_unchanged(lines: &[DiffLine], context: usize) -> Vec<Row> {
    let changed: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.change != LineChange::Same)
        .map(|(i, _)| i)
        .collect();
    let near_change = |i: usize| changed.iter().any(|&c| i.abs_diff(c) <= context);
    let mut rows = Vec::new();
    let mut hidden: Vec<&DiffLine> = Vec::new();
    let flush = |hidden: &mut Vec<&DiffLine>, rows: &mut Vec<Row>| {
        match hidden.len() {
            0 => {}
            1 => rows.push(Row::Line(hidden[0].clone())),
            n => rows.push(Row::Folded(n)),
        }
        hidden.clear();
    };
    for (i, line) in lines.iter().enumerate() {
        if line.change != LineChange::Same || near_change(i) {
            flush(&mut hidden, &mut rows);
            rows.push(Row::Line(line.clone()));
        } else {
            hidden.push(line);
        }
    }
    flush(&mut hidden, &mut rows);
    rows
}

/// A revision number from the query string.
fn revision_param(value: Option<String>) -> Option<i64> {
    value?.trim().parse().ok().filter(|n: &i64| *n >= 1)
}

#[component]
pub fn HistoryPage() -> impl IntoView {
    let slug = use_company_slug();
    let query = use_query_map();
    let pair = Memo::new(move |_| {
        query.with(|q| (revision_param(q.get("from")), revision_param(q.get("to"))))
    });
    let history = Resource::new(
        move || (slug.get(), pair.get()),
        |(slug, (from, to))| pitch_history(slug, from, to),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match history.await {
                    Ok(data) => view! { <HistoryView data /> }.into_any(),
                    Err(error) => view! { <AccessNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn HistoryView(data: HistoryData) -> impl IntoView {
    let i18n = use_i18n();
    let slug = data.profile.slug.clone();
    let body = match data.revisions.len() {
        0 => {
            let pitch = EditorTab::Pitch.href(&slug);
            view! {
                <div class="empty-state">
                    <p class="empty-state__title">{move || i18n.t().ed.history_empty}</p>
                    <p class="empty-state__text">{move || i18n.t().ed.history_empty_hint}</p>
                    <p class="empty-state__text">
                        <a href=pitch>{move || i18n.t().co.edit_pitch}</a>
                    </p>
                </div>
            }
            .into_any()
        }
        1 => view! {
            <div class="stack">
                <RevisionTable revisions=data.revisions compared=None />
                <p class="notice notice--info">{move || i18n.t().ed.history_one}</p>
            </div>
        }
        .into_any(),
        _ => view! {
            <div class="stack">
                <RevisionTable revisions=data.revisions.clone() compared=data.compared />
                <CompareForm slug=slug.clone() revisions=data.revisions compared=data.compared />
                {data
                    .compared
                    .map(|pair| {
                        view! { <Comparison pair diffs=data.diffs funding=data.funding /> }
                    })}
            </div>
        }
        .into_any(),
    };
    view! {
        <div class="container editor-page">
            <EditorHeader
                slug=slug.clone()
                company=data.profile.name_ko.clone()
                active=EditorTab::History
                title=|t| t.ed.history_title
                lead=|t| t.ed.history_lead
            />
            {body}
        </div>
    }
}

/// Newest first, as the server lists them.
#[component]
fn RevisionTable(revisions: Vec<RevisionView>, compared: Option<(i64, i64)>) -> impl IntoView {
    let i18n = use_i18n();
    let latest = revisions.first().map(|r| r.number);
    let rows = revisions
        .into_iter()
        .map(|r| {
            let number = r.number;
            let at = r.published_at;
            let is_compared = compared.is_some_and(|(a, b)| number == a || number == b);
            view! {
                <tr class:revisions__row--compared=is_compared>
                    <th scope="row" data-label=move || i18n.t().ed.col_revision>
                        <span class="badges">
                            <span>{move || (i18n.t().co.revision_label)(number)}</span>
                            {(latest == Some(number))
                                .then(|| {
                                    view! {
                                        <span class="badge badge--success">
                                            {move || i18n.t().ed.latest_badge}
                                        </span>
                                    }
                                })}
                            {is_compared
                                .then(|| {
                                    view! {
                                        <span class="badge badge--neutral">
                                            {move || i18n.t().ed.compared_badge}
                                        </span>
                                    }
                                })}
                        </span>
                    </th>
                    <td data-label=move || i18n.t().ed.col_published_at>
                        <time datetime=at.to_rfc3339()>
                            {move || format_date_time(at, i18n.locale())}
                        </time>
                    </td>
                    <td data-label=move || i18n.t().ed.col_published_by>{r.published_by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="revisions-title">
            <h2 id="revisions-title" class="editor-section-title">
                {move || i18n.t().ed.revisions_title}
            </h2>
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack revisions">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().ed.col_revision}</th>
                            <th scope="col">{move || i18n.t().ed.col_published_at}</th>
                            <th scope="col">{move || i18n.t().ed.col_published_by}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Pick two revisions; a GET form, so the result has its own URL.
#[component]
fn CompareForm(
    slug: String,
    revisions: Vec<RevisionView>,
    compared: Option<(i64, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (from, to) = compared.unwrap_or_default();
    let options = move |selected: i64| {
        revisions
            .iter()
            .map(|r| {
                let number = r.number;
                let at = r.published_at;
                view! {
                    <option value=number.to_string() selected=number == selected>
                        {move || {
                            (i18n.t().ed.revision_option)(number, &format_date(at, i18n.locale()))
                        }}
                    </option>
                }
            })
            .collect_view()
    };
    let from_options = options(from);
    let to_options = options(to);
    view! {
        <section class="filters compare-form" aria-labelledby="compare-title">
            <h2 id="compare-title" class="editor-section-title">
                {move || i18n.t().ed.compare_title}
            </h2>
            // autocomplete="off": Back shows the fields of the address it
            // returns to, not what was picked before leaving.
            <form method="get" action=EditorTab::History.href(&slug) autocomplete="off">
                <div class="compare-form__grid">
                    <div class="field">
                        <label class="field__label" for="compare-from">
                            {move || i18n.t().ed.compare_from}
                        </label>
                        <select
                            class="field__input"
                            id="compare-from"
                            name="from"
                        >
                            {from_options}
                        </select>
                    </div>
                    <div class="field">
                        <label class="field__label" for="compare-to">
                            {move || i18n.t().ed.compare_to}
                        </label>
                        <select
                            class="field__input"
                            id="compare-to"
                            name="to"
                        >
                            {to_options}
                        </select>
                    </div>
                    <div class="compare-form__submit">
                        <button type="submit" class="btn btn--primary">
                            {move || i18n.t().ed.compare_button}
                        </button>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// The changes between the compared pair: per changed section, then the
/// funding terms.
#[component]
fn Comparison(
    pair: (i64, i64),
    diffs: Vec<SectionDiff>,
    funding: Option<FundingChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (older, newer) = pair;
    let unchanged = diffs.is_empty() && funding.is_none();
    let sections = diffs
        .into_iter()
        .map(|diff| view! { <SectionChanges diff /> })
        .collect_view();
    view! {
        <section class="comparison" aria-labelledby="comparison-title">
            <h2 id="comparison-title" class="editor-section-title">
                {move || (i18n.t().ed.comparison_title)(older, newer)}
            </h2>
            {unchanged
                .then(|| {
                    view! { <p class="notice notice--info">{move || i18n.t().ed.no_changes}</p> }
                })}
            {sections}
            {funding.map(|change| view! { <FundingChanges change /> })}
        </section>
    }
}

#[component]
fn SectionChanges(diff: SectionDiff) -> impl IntoView {
    let i18n = use_i18n();
    let kind = diff.kind;
    let (added, removed) = (diff.added, diff.removed);
    let (was, now) = (diff.from_visibility, diff.to_visibility);
    let title_id = format!("diff-{}", kind.as_str());
    let rows = fold_unchanged(&diff.lines, CONTEXT_LINES)
        .into_iter()
        .map(|row| match row {
            Row::Line(line) => {
                // The marker and the hidden word say what colour says.
                let (class, marker, label): (_, _, Option<Text>) = match line.change {
                    LineChange::Added => {
                        ("diff-line diff-line--added", "+", Some(|t| t.ed.line_added))
                    }
                    LineChange::Removed => (
                        "diff-line diff-line--removed",
                        "−",
                        Some(|t| t.ed.line_removed),
                    ),
                    LineChange::Same => ("diff-line", "", None),
                };
                view! {
                    <li class=class>
                        <span class="diff-line__marker" aria-hidden="true">
                            {marker}
                        </span>
                        {label
                            .map(|label| {
                                view! {
                                    <span class="visually-hidden">{move || label(i18n.t())}</span>
                                }
                            })}
                        <span class="diff-line__text">{line.text}</span>
                    </li>
                }
                .into_any()
            }
            Row::Folded(n) => view! {
                <li class="diff-line diff-line--folded">
                    {move || (i18n.t().ed.lines_unchanged)(n)}
                </li>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <section class="card diff" aria-labelledby=title_id.clone()>
            <header class="diff__head">
                <h3 class="diff__title" id=title_id.clone()>
                    {move || (i18n.t().co.section)(kind)}
                </h3>
                <span class="diff__counts">
                    <span class="diff-count diff-count--added">
                        <span aria-hidden="true">{format!("+{added}")}</span>
                        <span class="visually-hidden">
                            {move || (i18n.t().ed.lines_added)(added)}
                        </span>
                    </span>
                    <span class="diff-count diff-count--removed">
                        <span aria-hidden="true">{format!("−{removed}")}</span>
                        <span class="visually-hidden">
                            {move || (i18n.t().ed.lines_removed)(removed)}
                        </span>
                    </span>
                </span>
            </header>
            {(was != now)
                .then(|| {
                    view! {
                        <p class="diff__visibility">
                            {move || {
                                let t = i18n.t();
                                (t.ed.visibility_changed)((t.co.visibility)(was), (t.co.visibility)(now))
                            }}
                        </p>
                    }
                })}
            <ol class="diff__lines" aria-label=move || i18n.t().ed.diff_lines_label>
                {rows}
            </ol>
        </section>
    }
}

/// Amount, instrument and use of funds before and after; only the terms
/// that changed.
#[component]
fn FundingChanges(change: FundingChange) -> impl IntoView {
    let i18n = use_i18n();
    let FundingChange { from, to } = change;
    type Value = fn(&Funding, crate::i18n::Locale, &'static crate::i18n::Strings) -> String;
    let terms: [(Text, Value); 3] = [
        (
            |t| t.co.funding_amount,
            |f, locale, t| {
                f.amount
                    .map(|won| format_won(won, locale))
                    .unwrap_or_else(|| t.ed.value_none.to_string())
            },
        ),
        (
            |t| t.co.funding_instrument,
            |f, _, t| {
                f.instrument
                    .map(|i| (t.co.instrument)(i).to_string())
                    .unwrap_or_else(|| t.ed.value_none.to_string())
            },
        ),
        (
            |t| t.co.funding_use,
            |f, _, t| {
                if f.use_of_funds.is_empty() {
                    t.ed.value_none.to_string()
                } else {
                    f.use_of_funds.clone()
                }
            },
        ),
    ];
    let changed = [
        from.amount != to.amount,
        from.instrument != to.instrument,
        from.use_of_funds != to.use_of_funds,
    ];
    let rows = terms
        .into_iter()
        .zip(changed)
        .filter(|(_, changed)| *changed)
        .map(|((label, value), _)| {
            let (from, to) = (from.clone(), to.clone());
            view! {
                <tr>
                    <th scope="row" data-label=move || i18n.t().ed.col_term>
                        {move || label(i18n.t())}
                    </th>
                    <td data-label=move || i18n.t().ed.col_before class="funding-change__value">
                        {move || value(&from, i18n.locale(), i18n.t())}
                    </td>
                    <td data-label=move || i18n.t().ed.col_after class="funding-change__value">
                        {move || value(&to, i18n.locale(), i18n.t())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card diff funding-change" aria-labelledby="funding-change-title">
            <h3 class="diff__title" id="funding-change-title">
                {move || i18n.t().ed.funding_change_title}
            </h3>
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t().ed.col_term}</th>
                            <th scope="col">{move || i18n.t().ed.col_before}</th>
                            <th scope="col">{move || i18n.t().ed.col_after}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::diff::diff_lines;

    fn shape(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|row| match row {
                Row::Line(l) => match l.change {
                    LineChange::Added => format!("+{}", l.text),
                    LineChange::Removed => format!("-{}", l.text),
                    LineChange::Same => format!(" {}", l.text),
                },
                Row::Folded(n) => format!("…{n}"),
            })
            .collect()
    }

    #[test]
    fn long_unchanged_runs_fold_around_changes() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10";
        let new = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n10";
        let rows = fold_unchanged(&diff_lines(old, new), 2);
        assert_eq!(
            shape(&rows),
            vec!["…3", " 4", " 5", "-6", "+six", " 7", " 8", "…2"]
        );
    }

    #[test]
    fn a_single_hidden_line_is_shown_not_folded() {
        let old = "a\nb\nc\nd";
        let new = "a\nb\nc\nD";
        let rows = fold_unchanged(&diff_lines(old, new), 2);
        assert_eq!(shape(&rows), vec![" a", " b", " c", "-d", "+D"]);
    }

    #[test]
    fn a_visibility_only_change_folds_everything() {
        let rows = fold_unchanged(&diff_lines("a\nb\nc", "a\nb\nc"), 2);
        assert_eq!(shape(&rows), vec!["…3"]);
        assert!(fold_unchanged(&[], 2).is_empty());
    }

    #[test]
    fn revision_params_are_positive_numbers() {
        assert_eq!(revision_param(Some("3".into())), Some(3));
        assert_eq!(revision_param(Some(" 12 ".into())), Some(12));
        assert_eq!(revision_param(Some("0".into())), None);
        assert_eq!(revision_param(Some("x".into())), None);
        assert_eq!(revision_param(None), None);
    }
}
