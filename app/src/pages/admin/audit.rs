//! `/admin/audit`: the audit log, newest first, 100 events a page. Older
//! pages are `?before=<id of the last event shown>`.

use crate::api::admin::{audit_log, AUDIT_PER_PAGE};
use crate::components::access::AccessNotice;
use crate::components::admin::{AdminGate, AdminHeader};
use crate::components::status::Loading;
use crate::domain::account::AuditEvent;
use crate::domain::seoul_time::format_date_time;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    view! {
        <AdminGate>
            <AuditPage />
        </AdminGate>
    }
}

#[component]
fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let before = Memo::new(move |_| {
        query
            .read()
            .get("before")
            .and_then(|b| b.trim().parse::<i64>().ok())
            .filter(|b| *b > 0)
    });
    let events = Resource::new(move || before.get(), audit_log);
    view! {
        <div class="container">
            <AdminHeader title=|t| t.admin_audit_title lead=|t| t.admin_audit_lead />
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match events.await {
                        Ok(list) => {
                            view! { <AuditTable events=list paged=before.get_untracked().is_some() /> }
                                .into_any()
                        }
                        Err(error) => view! { <AccessNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

#[component]
fn AuditTable(events: Vec<AuditEvent>, paged: bool) -> impl IntoView {
    let i18n = use_i18n();
    let older = (events.len() as i64 >= AUDIT_PER_PAGE)
        .then(|| {
            events
                .last()
                .map(|e| format!("/admin/audit?before={}", e.id))
        })
        .flatten();
    let nav = view! {
        <nav class="pagination" aria-label=move || i18n.t().pagination_label>
            {paged
                .then(|| {
                    view! {
                        <a class="btn btn--ghost btn--small" href="/admin/audit">
                            {move || i18n.t().audit_newest}
                        </a>
                    }
                })}
            {older
                .map(|href| {
                    view! {
                        <a class="btn btn--ghost btn--small" href=href rel="next">
                            {move || i18n.t().audit_older}
                        </a>
                    }
                })}
        </nav>
    };
    if events.is_empty() {
        return view! {
            <div class="empty-state">
                <p class="empty-state__text">{move || i18n.t().audit_empty}</p>
            </div>
            {nav}
        }
        .into_any();
    }
    let rows = events
        .into_iter()
        .map(|event| {
            let at = event.created_at;
            let code = event.action.clone();
            let actor = event.actor_label.clone();
            let object = if event.object_id.is_empty() {
                event.object_type.clone()
            } else {
                format!("{} #{}", event.object_type, event.object_id)
            };
            view! {
                <tr>
                    <td data-label=move || i18n.t().col_time class="nowrap">
                        <time datetime=at.to_rfc3339()>
                            {move || format_date_time(at, i18n.locale())}
                        </time>
                    </td>
                    <td data-label=move || i18n.t().col_actor class="audit__actor">
                        {move || actor_label(&actor, i18n.t())}
                    </td>
                    <td data-label=move || i18n.t().col_action>
                        {move || {
                            (i18n.t().audit_action_name)(&code).unwrap_or_default().to_string()
                        }}
                        <code class="audit__code">{event.action.clone()}</code>
                    </td>
                    <td data-label=move || i18n.t().col_object>{object}</td>
                    <td data-label=move || i18n.t().col_detail>{event.detail}</td>
                    <td data-label=move || i18n.t().col_ip class="nowrap">
                        {event.ip.unwrap_or_else(|| "—".to_string())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap table-wrap--stack">
            <table class="table table--stack audit-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t().col_time}</th>
                        <th scope="col">{move || i18n.t().col_actor}</th>
                        <th scope="col">{move || i18n.t().col_action}</th>
                        <th scope="col">{move || i18n.t().col_object}</th>
                        <th scope="col">{move || i18n.t().col_detail}</th>
                        <th scope="col">{move || i18n.t().col_ip}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {nav}
    }
    .into_any()
}

/// The server writes "anonymous" for sign-ups and "system …" for the demo
/// seed; those read better translated.
fn actor_label(label: &str, t: &'static crate::i18n::Strings) -> String {
    if label == "anonymous" {
        t.audit_actor_anonymous.to_string()
    } else if label.starts_with("system") {
        t.audit_actor_system.to_string()
    } else {
        label.to_string()
    }
}
