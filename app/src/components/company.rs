//! Pieces the company pages share: the directory card, stage and freshness
//! badges, search-match highlighting and the company's logo mark.

use crate::api::directory::CompanyCard;
use crate::domain::company::Stage;
use crate::domain::directory::highlight;
use crate::domain::money::format_won;
use crate::domain::seoul_time::{format_date, format_relative};
use crate::i18n::use_i18n;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

/// `text` with the parts matching `terms` in `<mark>`; plain text when
/// there is no search. Built from text nodes, never from HTML strings.
#[component]
pub fn Highlighted(#[prop(into)] text: String, terms: Vec<String>) -> impl IntoView {
    if terms.is_empty() {
        return text.into_any();
    }
    highlight(&text, &terms)
        .into_iter()
        .map(|(run, hit)| {
            if hit {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

#[component]
pub fn StageBadge(stage: Stage) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class="badge badge--accent">{move || (i18n.t().co.stage)(stage)}</span> }
}

/// "Updated 3 days ago", or a warning badge once the pitch is stale.
#[component]
pub fn Freshness(published_at: DateTime<Utc>, stale: bool) -> impl IntoView {
    let i18n = use_i18n();
    if stale {
        view! {
            <span class="badge badge--warning" title=move || i18n.t().co.stale_title>
                {move || i18n.t().co.stale_badge}
            </span>
        }
        .into_any()
    } else {
        view! {
            <time class="muted small" datetime=published_at.to_rfc3339()>
                {move || {
                    (i18n.t().co.updated_ago)(&format_relative(published_at, Utc::now(), i18n.locale()))
                }}
            </time>
        }
        .into_any()
    }
}

/// The logo, or the name's first letter on a tinted square.
#[component]
pub fn LogoMark(name: String, url: Option<String>, #[prop(optional)] large: bool) -> impl IntoView {
    let i18n = use_i18n();
    let class = if large {
        "logo-mark logo-mark--large"
    } else {
        "logo-mark"
    };
    match url {
        Some(src) => {
            let alt = move || (i18n.t().co.logo_alt)(&name);
            view! { <img class=class src=src alt=alt width="56" height="56" loading="lazy" /> }
                .into_any()
        }
        None => {
            let initial = name.chars().next().unwrap_or('·').to_string();
            view! {
                <span class=class aria-hidden="true">
                    {initial}
                </span>
            }
            .into_any()
        }
    }
}

#[component]
pub fn CompanyCardView(card: CompanyCard, terms: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/companies/{}", card.slug);
    let cluster = card.cluster.clone();
    let published_at = card.published_at;
    let ask = card.ask;
    view! {
        <article class="company-card">
            <header class="company-card__head">
                <LogoMark name=card.name_ko.clone() url=card.logo_url.clone() />
                <div class="company-card__names">
                    <h3 class="company-card__name">
                        <a href=href>
                            <Highlighted text=card.name_ko.clone() terms=terms.clone() />
                        </a>
                    </h3>
                    {card
                        .name_en
                        .clone()
                        .map(|en| {
                            view! {
                                <p class="company-card__alt" lang="en">
                                    <Highlighted text=en terms=terms.clone() />
                                </p>
                            }
                        })}
                </div>
            </header>
            {card
                .one_liner
                .clone()
                .map(|line| {
                    view! {
                        <p class="company-card__line">
                            <Highlighted text=line terms=terms.clone() />
                        </p>
                    }
                })}
            {card
                .snippet
                .clone()
                .map(|snippet| {
                    view! {
                        <p class="company-card__snippet">
                            <span class="visually-hidden">{move || i18n.t().co.matched_in_pitch}</span>
                            <Highlighted text=snippet terms=terms.clone() />
                        </p>
                    }
                })}
            <p class="company-card__meta">
                {cluster
                    .map(|c| {
                        let href = format!("/clusters/{}", c.slug);
                        view! {
                            <a class="badge" href=href>
                                {move || c.name(i18n.locale()).to_string()}
                            </a>
                        }
                    })}
                {card.stage.map(|stage| view! { <StageBadge stage /> })}
                {card
                    .founded_year
                    .map(|y| {
                        view! { <span class="muted small">{move || (i18n.t().co.founded_in)(y)}</span> }
                    })}
                {card
                    .location
                    .clone()
                    .map(|l| view! { <span class="muted small">{l}</span> })}
            </p>
            {(!card.tags.is_empty())
                .then(|| {
                    view! {
                        <ul class="tags">
                            {card
                                .tags
                                .iter()
                                .map(|t| {
                                    view! {
                                        <li class="tag">
                                            <Highlighted text=t.clone() terms=terms.clone() />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            <footer class="company-card__foot">
                {ask
                    .map(|won| {
                        view! {
                            <p class="company-card__ask">
                                <span class="muted small">{move || i18n.t().co.ask_label}</span>
                                " "
                                <strong>{move || format_won(won, i18n.locale())}</strong>
                            </p>
                        }
                    })}
                <Freshness published_at stale=card.stale />
                {card.following.map(|following| view! { <CardFollow slug=card.slug.clone() name=card.name_ko.clone() following /> })}
            </footer>
        </article>
    }
}

/// Follow or unfollow from a card: a plain form that posts and comes back
/// to the same list (the server function's redirect to the referrer).
#[component]
fn CardFollow(slug: String, name: String, following: bool) -> impl IntoView {
    use crate::api::deals::{FollowCompany, UnfollowCompany};
    use leptos::server_fn::ServerFn;
    let t = use_i18n().t();
    let (action, label, class) = if following {
        (
            UnfollowCompany::PATH,
            t.deal.unfollow,
            "btn btn--ghost btn--small",
        )
    } else {
        (
            FollowCompany::PATH,
            t.deal.follow,
            "btn btn--primary btn--small",
        )
    };
    view! {
        <form method="post" action=action class="company-card__follow">
            <input type="hidden" name="slug" value=slug />
            {following.then(|| view! { <span class="badge badge--success">{t.deal.following}</span> })}
            // Every card has one: the company's name tells them apart for
            // screen readers.
            <button type="submit" class=class>
                <span class="visually-hidden">{name}" "</span>
                {label}
            </button>
        </form>
    }
}

/// A date in Seoul time for the reader's language.
#[component]
pub fn SeoulDate(at: DateTime<Utc>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <time datetime=at.to_rfc3339()>{move || format_date(at, i18n.locale())}</time> }
}

/// The logo upload: a plain multipart form posted to the server's upload
/// route (no JavaScript needed), which redirects back here with
/// `?logo=saved` or `?logo_error=…`.
#[component]
pub fn LogoUpload(slug: String, name: String, current: Option<String>) -> impl IntoView {
    use leptos_router::hooks::use_query_map;
    let i18n = use_i18n();
    let query = use_query_map();
    let action = format!("/companies/{slug}/logo");
    let outcome = move || {
        let q = query.read();
        if q.get("logo").as_deref() == Some("saved") {
            return Some((true, i18n.t().co.logo_saved));
        }
        let t = i18n.t();
        q.get("logo_error").map(|code| {
            let text = match code.as_str() {
                "missing" => t.co.logo_error_missing,
                "too_large" => t.co.logo_error_too_large,
                _ => t.co.logo_error_not_image,
            };
            (false, text)
        })
    };
    view! {
        <section class="card logo-upload" aria-labelledby="logo-title">
            <h2 id="logo-title" class="card__title">{move || i18n.t().co.logo_title}</h2>
            <div class="logo-upload__row">
                <LogoMark name url=current large=true />
                <form class="form" method="post" action=action enctype="multipart/form-data">
                    <div class="field">
                        <label class="field__label" for="logo-file">
                            {move || i18n.t().co.logo_label}
                        </label>
                        <input
                            class="field__input"
                            id="logo-file"
                            name="logo"
                            type="file"
                            accept="image/png,image/jpeg,image/webp"
                            required
                            aria-describedby="logo-hint"
                        />
                        <p class="field__hint" id="logo-hint">{move || i18n.t().co.logo_hint}</p>
                    </div>
                    <div class="form__actions">
                        <button type="submit" class="btn btn--ghost">
                            {move || i18n.t().co.logo_button}
                        </button>
                    </div>
                </form>
            </div>
            {move || {
                outcome()
                    .map(|(ok, text)| {
                        let class = if ok { "notice notice--success" } else { "notice notice--danger" };
                        view! {
                            <p class=class role="status">
                                {text}
                            </p>
                        }
                    })
            }}
        </section>
    }
}
