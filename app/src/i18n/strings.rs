/// One language's worth of user-visible text. Field names read as the place
/// the text appears; functions take the values that vary.
pub struct Strings {
    // Shell
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_clusters: &'static str,
    /// Label of the button that switches *to* this language, written in it.
    pub language_name: &'static str,
    pub switch_language_label: &'static str,
    pub footer_note: &'static str,
    pub footer_disclaimer: &'static str,

    // Landing
    pub landing_title: &'static str,
    pub hero_eyebrow: &'static str,
    pub hero_title: &'static str,
    pub hero_lead: &'static str,
    pub hero_cta_clusters: &'static str,
    pub hero_cta_about: &'static str,
    pub audiences_title: &'static str,
    pub audiences_lead: &'static str,
    pub audience_startup_title: &'static str,
    pub audience_startup_text: &'static str,
    pub audience_investor_title: &'static str,
    pub audience_investor_text: &'static str,
    pub audience_consultant_title: &'static str,
    pub audience_consultant_text: &'static str,
    pub audience_operator_title: &'static str,
    pub audience_operator_text: &'static str,
    pub outcomes_title: &'static str,
    pub outcomes_lead: &'static str,
    pub outcome_forums_label: &'static str,
    pub outcome_companies_label: &'static str,
    pub outcome_contract_label: &'static str,
    pub outcome_clusters_label: &'static str,
    pub outcomes_source: &'static str,
    pub clusters_title: &'static str,
    pub clusters_lead: &'static str,
    pub companies_count: fn(i64) -> String,
    pub crowdfunding_title: &'static str,
    pub crowdfunding_text: &'static str,

    // Cluster page
    pub cluster_page_title: fn(&str) -> String,
    pub breadcrumb_label: &'static str,
    pub cluster_companies_title: &'static str,
    pub cluster_empty_title: &'static str,
    pub cluster_empty_text: &'static str,
    pub other_clusters_title: &'static str,

    // Errors
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub back_home: &'static str,
    pub loading: &'static str,

    // Messages for errors the server reports
    pub err_not_found: &'static str,
    pub err_unauthorized: &'static str,
    pub err_forbidden: &'static str,
    pub err_rate_limited: &'static str,
    pub err_invalid_input: &'static str,
    pub err_unavailable: &'static str,
    pub err_internal: &'static str,
}
