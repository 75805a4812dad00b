//! `/admin/templates`: the readiness checklist templates with their
//! versions (who saved each, when, how many checklists use it);
//! `/admin/templates/:kind`: the latest version as a form, saved as the
//! next version; `/admin/templates/:kind/v/:version`: one version, read
//! only. The form is a plain post: every row editable, a "remove" box per
//! row, blank rows to add items, order by position numbers.

use crate::api::templates::{
    list_templates, template_version, SaveTemplate, TemplateHistory, TemplateItemView,
    TemplateVersionView,
};
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::forms::{form_action, textarea_text};
use crate::components::status::Loading;
use crate::domain::readiness::{
    parse_template_field, ItemGroup, TemplateKind, BLANK_TEMPLATE_ROWS, MAX_ITEM_WEIGHT,
    MAX_TEMPLATE_EVIDENCE_CHARS, MAX_TEMPLATE_POSITION, MAX_TEMPLATE_TITLE_CHARS, MIN_ITEM_WEIGHT,
};
use crate::domain::seoul_time::format_date;
use crate::i18n::{use_i18n, Locale, Strings};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The path of a template's edit form.
pub fn edit_path(kind: TemplateKind) -> String {
    format!("/admin/templates/{}", kind.as_str())
}

/// The path of one version of a template.
pub fn version_path(kind: TemplateKind, version: i64) -> String {
    format!("/admin/templates/{}/v/{version}", kind.as_str())
}

fn author(t: &'static Strings, saved_by: Option<&str>, builtin: bool) -> String {
    match saved_by {
        Some(name) => name.to_string(),
        None if builtin => t.tpl.builtin_author.to_string(),
        None => t.tpl.former_author.to_string(),
    }
}

#[component]
pub fn AdminTemplatesPage() -> impl IntoView {
    view! {
        <AdminGate>
            <TemplatesList />
        </AdminGate>
    }
}

#[component]
fn TemplatesList() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_templates());
    view! {
        <div class="container">
            <AdminHeader title=|t| t.tpl.title lead=|t| t.tpl.lead />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            list.into_iter()
                                .map(|history| view! { <TemplateCard history /> })
                                .collect_view()
                                .into_any()
                        }
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// One template: its latest version, a link to edit it and every version.
#[component]
fn TemplateCard(history: TemplateHistory) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let kind = history.kind;
    let heading = format!("template-{}", kind.as_str());
    let labelled_by = heading.clone();
    let latest = history.latest().cloned();
    let rows = history
        .versions
        .into_iter()
        .map(|v| {
            let who = author(t, v.saved_by.as_deref(), v.builtin);
            view! {
                <tr>
                    <th scope="row" data-label=t.tpl.col_version>
                        {(t.tpl.version)(v.version)}
                    </th>
                    <td data-label=t.tpl.col_items class="num">{v.items}</td>
                    <td data-label=t.tpl.col_total_weight class="num">{v.total_weight}</td>
                    <td data-label=t.tpl.col_author>{who}</td>
                    <td data-label=t.tpl.col_saved_at class="nowrap">
                        <time datetime=v.saved_at.to_rfc3339()>{format_date(v.saved_at, locale)}</time>
                    </td>
                    <td data-label=t.tpl.col_checklists class="num">{v.checklists}</td>
                    <td data-label=t.col_actions>
                        <a href=version_path(kind, v.version)>{t.tpl.view_link}</a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card template-card" aria-labelledby=labelled_by>
            <div class="template-card__head">
                <h2 id=heading class="card__title">{(t.rd.template_name)(kind)}</h2>
                {latest
                    .as_ref()
                    .map(|v| view! { <span class="badge">{(t.tpl.latest)(v.version)}</span> })}
                <a class="btn btn--primary btn--small" href=edit_path(kind)>{t.tpl.edit_link}</a>
            </div>
            {latest
                .as_ref()
                .map(|v| view! { <p class="small muted">{(t.tpl.summary)(v.items, v.total_weight)}</p> })}
            <h3 class="template-card__subtitle">{t.tpl.history_title}</h3>
            <div class="table-wrap table-wrap--stack">
                <table class="table table--stack">
                    <thead>
                        <tr>
                            <th scope="col">{t.tpl.col_version}</th>
                            <th scope="col" class="num">{t.tpl.col_items}</th>
                            <th scope="col" class="num">{t.tpl.col_total_weight}</th>
                            <th scope="col">{t.tpl.col_author}</th>
                            <th scope="col">{t.tpl.col_saved_at}</th>
                            <th scope="col" class="num">{t.tpl.col_checklists}</th>
                            <th scope="col">
                                <span class="visually-hidden">{t.col_actions}</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
pub fn AdminTemplateEditPage() -> impl IntoView {
    view! {
        <AdminGate>
            <TemplateEdit />
        </AdminGate>
    }
}

#[component]
fn TemplateEdit() -> impl IntoView {
    let params = use_params_map();
    // Created below the routes, so a plain post's outcome that came back
    // in the address reaches it.
    let save = form_action::<SaveTemplate>();
    let data = Resource::new(
        move || {
            (
                params.read().get("kind").unwrap_or_default(),
                save.version().get(),
            )
        },
        |(kind, _)| template_version(kind, None),
    );
    view! {
        <div class="container">
            <AdminHeader title=|t| t.tpl.edit_title lead=|t| t.tpl.edit_lead />
            <SaveOutcome save />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(template) => view! { <TemplateForm template save /> }.into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

/// The saved version's number, or what was wrong (with its row) and that
/// nothing was saved.
#[component]
fn SaveOutcome(save: ServerAction<SaveTemplate>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        match save.value().get() {
            Some(Ok(version)) => Some(
                view! { <p class="notice notice--success" role="status">{(t.tpl.saved)(version)}</p> }
                    .into_any(),
            ),
            Some(Err(error)) => {
                let message = error.message(t);
                let text = match error.field().and_then(parse_template_field) {
                    Some((row, field)) => {
                        (t.tpl.error_in_row)(row + 1, t.tpl.field_label(field), &message)
                    }
                    None => message,
                };
                Some(
                    view! {
                        <div class="notice notice--danger" role="alert">
                            <p>{text}</p>
                            <p>{t.tpl.not_saved}</p>
                        </div>
                    }
                    .into_any(),
                )
            }
            None => None,
        }
    }
}

/// The latest version as a form: a fieldset per item, then blank rows.
#[component]
fn TemplateForm(template: TemplateVersionView, save: ServerAction<SaveTemplate>) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    // The row and field the last refused save named, marked invalid.
    let refused: Option<(usize, String)> = save
        .value()
        .get_untracked()
        .and_then(|r| r.err())
        .and_then(|e| {
            e.field()
                .and_then(parse_template_field)
                .map(|(row, field)| (row, field.to_string()))
        });
    let total: i64 = template.items.iter().map(|i| i64::from(i.weight)).sum();
    let count = template.items.len();
    let last_group = template
        .items
        .last()
        .map_or(ItemGroup::Corporate, |i| i.group);
    let kind = template.kind;
    let rows = template
        .items
        .iter()
        .enumerate()
        .map(|(n, item)| {
            let bad = refused
                .as_ref()
                .filter(|(row, _)| *row == n)
                .map(|(_, f)| f.clone());
            let title = match locale {
                Locale::Ko => &item.title_ko,
                Locale::En => &item.title_en,
            };
            let legend = (t.tpl.row_legend)(n + 1, title);
            view! { <li>{row_fields(t, n, legend, Some(item), last_group, bad)}</li> }
        })
        .collect_view();
    let blanks = (count..count + BLANK_TEMPLATE_ROWS)
        .map(|n| {
            let bad = refused
                .as_ref()
                .filter(|(row, _)| *row == n)
                .map(|(_, f)| f.clone());
            let legend = (t.tpl.new_row_legend)(n - count + 1);
            view! { <li>{row_fields(t, n, legend, None, last_group, bad)}</li> }
        })
        .collect_view();
    view! {
        <p class="template-form__back">
            <a href="/admin/templates">{t.tpl.back_to_list}</a>
        </p>
        <h2 class="template-form__title">
            {(t.tpl.editing)((t.rd.template_name)(kind), template.version)}
        </h2>
        <p class="small muted">{(t.tpl.summary)(count as i64, total)}</p>
        <ActionForm action=save attr:class="template-form">
            <input type="hidden" name="kind" value=kind.as_str() />
            <input type="hidden" name="based_on" value=template.version.to_string() />
            <p class="field__hint">{t.tpl.weight_hint}</p>
            <ol class="template-rows">{rows}</ol>
            <h3 class="template-form__subtitle">{t.tpl.new_rows_title}</h3>
            <p class="field__hint">{t.tpl.new_rows_hint}</p>
            <ol class="template-rows">{blanks}</ol>
            <div class="form__actions">
                <button type="submit" class="btn btn--primary">{t.tpl.save_button}</button>
            </div>
        </ActionForm>
    }
}

/// One row of the form: `n` is its index in the post (`form[items][n]`)
/// and its position starts as `n + 1`. An existing item's fields are
/// required (the browser checks them before posting); a blank row's are
/// not, since left blank it is ignored.
fn row_fields(
    t: &'static Strings,
    n: usize,
    legend: String,
    item: Option<&TemplateItemView>,
    default_group: ItemGroup,
    bad: Option<String>,
) -> impl IntoView {
    let position = n + 1;
    let name = move |field: &str| format!("form[items][{n}][{field}]");
    let id = move |field: &str| format!("tpl-{n}-{field}");
    let invalid = move |field: &str| (bad.as_deref() == Some(field)).then_some("true");
    let required = item.is_some();
    let group = item.map_or(default_group, |i| i.group);
    let text = |field: &'static str, label: &'static str, value: Option<&String>| {
        view! {
            <div class="field">
                <label class="field__label" for=id(field)>{label}</label>
                <input
                    class="field__input"
                    type="text"
                    id=id(field)
                    name=name(field)
                    maxlength=MAX_TEMPLATE_TITLE_CHARS
                    value=value.cloned().unwrap_or_default()
                    required=required
                    aria-invalid=invalid(field)
                />
            </div>
        }
    };
    let area = |field: &'static str, label: &'static str, value: Option<&String>| {
        view! {
            <div class="field">
                <label class="field__label" for=id(field)>{label}</label>
                <textarea
                    class="field__input template-row__evidence"
                    id=id(field)
                    name=name(field)
                    rows="2"
                    maxlength=MAX_TEMPLATE_EVIDENCE_CHARS
                    required=required
                    aria-invalid=invalid(field)
                >
                    {textarea_text(value.map(String::as_str).unwrap_or_default())}
                </textarea>
            </div>
        }
    };
    view! {
        <fieldset class="template-row">
            <legend class="template-row__legend">{legend}</legend>
            <div class="template-row__numbers">
                <div class="field">
                    <label class="field__label" for=id("position")>{t.tpl.field_position}</label>
                    <input
                        class="field__input field__input--small"
                        type="number"
                        id=id("position")
                        name=name("position")
                        min="1"
                        max=MAX_TEMPLATE_POSITION
                        value=position
                        required
                        aria-invalid=invalid("position")
                    />
                </div>
                <div class="field">
                    <label class="field__label" for=id("group")>{t.tpl.field_group}</label>
                    <select
                        class="field__input field__input--small"
                        id=id("group")
                        name=name("group")
                        aria-invalid=invalid("group")
                    >
                        {ItemGroup::ALL
                            .iter()
                            .map(|g| {
                                view! {
                                    <option value=g.as_str() selected=*g == group>
                                        {(t.rd.group)(*g)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for=id("weight")>{t.tpl.field_weight}</label>
                    <input
                        class="field__input field__input--small"
                        type="number"
                        id=id("weight")
                        name=name("weight")
                        min=MIN_ITEM_WEIGHT
                        max=MAX_ITEM_WEIGHT
                        value=item.map(|i| i.weight.to_string()).unwrap_or_default()
                        required=required
                        aria-invalid=invalid("weight")
                    />
                </div>
            </div>
            <div class="template-row__texts">
                {text("title_ko", t.tpl.field_title_ko, item.map(|i| &i.title_ko))}
                {text("title_en", t.tpl.field_title_en, item.map(|i| &i.title_en))}
                {area("evidence_ko", t.tpl.field_evidence_ko, item.map(|i| &i.evidence_ko))}
                {area("evidence_en", t.tpl.field_evidence_en, item.map(|i| &i.evidence_en))}
            </div>
            {item
                .is_some()
                .then(|| {
                    view! {
                        <div class="template-row__remove">
                            <input type="checkbox" id=id("remove") name=name("remove") value="on" />
                            <label for=id("remove")>{t.tpl.field_remove}</label>
                        </div>
                    }
                })}
        </fieldset>
    }
}

#[component]
pub fn AdminTemplateVersionPage() -> impl IntoView {
    view! {
        <AdminGate>
            <TemplateVersionRead />
        </AdminGate>
    }
}

#[component]
fn TemplateVersionRead() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("kind").unwrap_or_default(),
                    // Not a number: no such version ("not found").
                    p.get("version")
                        .and_then(|v| v.parse::<i64>().ok())
                        .unwrap_or(0),
                )
            })
        },
        |(kind, version)| template_version(kind, Some(version)),
    );
    view! {
        <div class="container">
            <AdminHeader title=|t| t.tpl.title lead=|t| t.tpl.lead />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(template) => view! { <VersionItems template /> }.into_any(),
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn VersionItems(template: TemplateVersionView) -> impl IntoView {
    let i18n = use_i18n();
    let (t, locale) = (i18n.t(), i18n.locale());
    let kind = template.kind;
    let who = author(t, template.saved_by.as_deref(), template.builtin);
    let total: i64 = template.items.iter().map(|i| i64::from(i.weight)).sum();
    let rows = template
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let (title, evidence) = match locale {
                Locale::Ko => (i.title_ko.clone(), i.evidence_ko.clone()),
                Locale::En => (i.title_en.clone(), i.evidence_en.clone()),
            };
            view! {
                <tr>
                    <td data-label=t.tpl.field_position class="num">{n + 1}</td>
                    <td data-label=t.tpl.field_group>{(t.rd.group)(i.group)}</td>
                    <td data-label=t.tpl.field_weight class="num">{i.weight}</td>
                    <th scope="row" data-label=t.tpl.col_title>{title}</th>
                    <td data-label=t.rd.evidence_expected>{evidence}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="template-form__back">
            <a href="/admin/templates">{t.tpl.back_to_list}</a>
        </p>
        <h2 class="template-form__title">{(t.tpl.version_title)((t.rd.template_name)(kind), template.version)}</h2>
        <p class="small muted">
            {(t.tpl.saved_by)(&who, &format_date(template.saved_at, locale))}
            " · "
            {(t.tpl.summary)(template.items.len() as i64, total)}
        </p>
        {if template.version == template.latest_version {
            view! {
                <p class="notice notice--info">
                    {t.tpl.latest_version_note} " "
                    <a href=edit_path(kind)>{t.tpl.edit_link}</a>
                </p>
            }
                .into_any()
        } else {
            view! {
                <p class="notice notice--warning">{(t.tpl.old_version)(template.latest_version)}</p>
            }
                .into_any()
        }}
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col" class="num">{t.tpl.field_position}</th>
                        <th scope="col">{t.tpl.field_group}</th>
                        <th scope="col" class="num">{t.tpl.field_weight}</th>
                        <th scope="col">{t.tpl.col_title}</th>
                        <th scope="col">{t.rd.evidence_expected}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
