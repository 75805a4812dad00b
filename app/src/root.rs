//! The document shell, the root component and the one table of routes.
//!
//! Everything here renders on the server only (Leptos islands mode): no
//! page code runs in the browser except the islands in `crate::islands`.

use crate::components::document::{use_bundle_files, IslandsLoader};
use crate::components::head::PageTitle;
use crate::components::layout::Layout;
use crate::i18n::{initial_locale, provide_i18n};
use crate::pages::{
    account::AccountPage,
    admin::{
        audit::AdminAuditPage,
        clubs::AdminClubsPage,
        forums::{AdminForumNewPage, AdminForumPage, AdminForumsPage},
        outcomes::AdminOutcomesPage,
        templates::{AdminTemplateEditPage, AdminTemplateVersionPage, AdminTemplatesPage},
        users::AdminUsersPage,
    },
    club::ClubPage,
    clusters::{ClusterIndex, ClusterPage},
    companies::{
        directory::DirectoryPage, draft::DraftPage, edit::CompanyEditPage, history::HistoryPage,
        interest::InterestPage, outcomes::CompanyOutcomesPage, pitch::PitchEditorPage,
        profile::CompanyPage, readiness::ReadinessPage, team::TeamPage,
    },
    consulting::ConsultingPage,
    deals::{
        feed::FeedPage,
        pipeline::{ClubPipelinePage, MyPipelinePage},
        DealsPage,
    },
    forum_scorecard::ForumScorecardPage,
    forums::{ForumDetailPage, ForumsPage},
    impact::ImpactPage,
    landing::Landing,
    not_found::NotFound,
    readiness::CrowdfundingPlanPage,
    sign_in::SignInPage,
    sign_up::SignUpPage,
};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Meta, MetaTags};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path, SsrMode,
};

/// The HTML document around the app. Rendered on the server only, so it can
/// read the request (language cookie) directly.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_locale().code();
    let stylesheet = format!(
        "/{}/{}",
        options.site_pkg_dir,
        use_bundle_files(&options).css
    );
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#14284b" />
                <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
                <link rel="stylesheet" href=stylesheet />
                <AutoReload options=options.clone() />
                <IslandsLoader options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(initial_locale());

    // Every route renders in `Async` mode: the whole page is sent at once,
    // so it reads correctly without JavaScript and a page can still set its
    // HTTP status (404, 500) after loading its data.
    view! {
        // The site's name until a page sets its own title.
        <PageTitle text="" />
        <Meta name="description" content=i18n.t().site_tagline />
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Landing ssr=SsrMode::Async />
                    <Route path=path!("/clusters") view=ClusterIndex ssr=SsrMode::Async />
                    <Route path=path!("/clusters/:slug") view=ClusterPage ssr=SsrMode::Async />
                    <Route path=path!("/companies") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("/companies/:slug") view=CompanyPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/companies/:slug/edit")
                        view=CompanyEditPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/companies/:slug/pitch")
                        view=PitchEditorPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/companies/:slug/draft")
                        view=DraftPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/companies/:slug/history")
                        view=HistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/companies/:slug/team") view=TeamPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/companies/:slug/readiness")
                        view=ReadinessPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/companies/:slug/interest")
                        view=InterestPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/companies/:slug/outcomes")
                        view=CompanyOutcomesPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/deals") view=DealsPage ssr=SsrMode::Async />
                    <Route path=path!("/deals/pipeline") view=MyPipelinePage ssr=SsrMode::Async />
                    <Route
                        path=path!("/clubs/:id/pipeline")
                        view=ClubPipelinePage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/feed") view=FeedPage ssr=SsrMode::Async />
                    <Route path=path!("/forums") view=ForumsPage ssr=SsrMode::Async />
                    <Route path=path!("/impact") view=ImpactPage ssr=SsrMode::Async />
                    <Route path=path!("/forums/:id") view=ForumDetailPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/forums/:id/scorecards/:slug")
                        view=ForumScorecardPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/consulting") view=ConsultingPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/readiness/crowdfunding-plan")
                        view=CrowdfundingPlanPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                    <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/club") view=ClubPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin")
                        view=|| view! { <Redirect path="/admin/users" /> }
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/users") view=AdminUsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/clubs") view=AdminClubsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=AdminAuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/forums") view=AdminForumsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/forums/new")
                        view=AdminForumNewPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/forums/:id") view=AdminForumPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/outcomes") view=AdminOutcomesPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/templates")
                        view=AdminTemplatesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/templates/:kind")
                        view=AdminTemplateEditPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/templates/:kind/v/:version")
                        view=AdminTemplateVersionPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
