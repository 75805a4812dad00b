//! The language switch: a plain form post to this server function, which
//! sets the cookie and redirects back to the page it came from (server_fn
//! answers a browser's form post with a redirect to the `Referer`).

use super::ApiError;
use crate::i18n::Locale;
use leptos::prelude::*;

/// How long the language choice is remembered, in seconds (one year).
pub const LOCALE_COOKIE_MAX_AGE: u64 = 365 * 24 * 60 * 60;

#[server(endpoint = "locale/set")]
pub async fn set_locale(lang: String) -> Result<Locale, ApiError> {
    use crate::ssr::reject;

    let locale = Locale::from_code(&lang).ok_or_else(|| {
        reject(ApiError::invalid(
            "lang",
            crate::i18n::initial_locale().strings().err_invalid_input,
        ))
    })?;
    remember_locale(locale)?;
    Ok(locale)
}

/// Sets the language cookie on this response (also used when an account's
/// language is changed on the account page).
#[cfg(feature = "ssr")]
pub fn remember_locale(locale: Locale) -> Result<(), ApiError> {
    use crate::i18n::LOCALE_COOKIE;
    use leptos_axum::ResponseOptions;
    let cookie = format!(
        "{LOCALE_COOKIE}={}; Path=/; Max-Age={LOCALE_COOKIE_MAX_AGE}; SameSite=Lax",
        locale.code()
    );
    let response = expect_context::<ResponseOptions>();
    let value = http::HeaderValue::from_str(&cookie).map_err(|_| ApiError::Internal)?;
    response.append_header(http::header::SET_COOKIE, value);
    Ok(())
}
