//! Previous / "page N of M" / next links under a paged list. Each link is
//! a real URL carrying the list's filters, so paging works without
//! JavaScript and the back button walks back through the pages.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Renders nothing for a single page. `href` gives page n's URL.
#[component]
pub fn Pager(current: i64, pages: i64, href: impl Fn(i64) -> String) -> impl IntoView {
    let i18n = use_i18n();
    if pages <= 1 {
        return ().into_any();
    }
    let prev = (current > 1).then(|| href(current - 1));
    let next = (current < pages).then(|| href(current + 1));
    view! {
        <nav class="pagination" aria-label=move || i18n.t().pagination_label>
            {prev
                .map(|href| {
                    view! {
                        <a class="btn btn--ghost btn--small" href=href rel="prev">
                            {move || i18n.t().prev_page}
                        </a>
                    }
                })}
            <span class="pagination__status" aria-current="page">
                {move || (i18n.t().page_of)(current, pages)}
            </span>
            {next
                .map(|href| {
                    view! {
                        <a class="btn btn--ghost btn--small" href=href rel="next">
                            {move || i18n.t().next_page}
                        </a>
                    }
                })}
        </nav>
    }
    .into_any()
}
