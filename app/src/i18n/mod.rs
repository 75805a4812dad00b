//! Translation layer.
//!
//! Every user-visible string lives in one [`Strings`] table per language
//! (`ko.rs`, `en.rs`). Because the tables are plain structs, a string that is
//! missing in one language is a compile error rather than a blank on screen,
//! and the browser bundle carries no translation runtime.
//!
//! The active language is provided at the root of the app from the `lang`
//! cookie. Islands, which run in the browser, receive their strings as
//! props instead, so these tables stay out of the browser bundle.

pub mod company;
pub mod deal;
pub mod editor;
mod en;
pub mod forum;
pub mod investor;
mod ko;
pub mod mail;
pub mod outcome;
pub mod readiness;
pub mod scorecard;
pub mod templates;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use strings::Strings;
mod strings;

/// Name of the cookie that remembers the visitor's language.
pub const LOCALE_COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Korean is the default: the portal serves a Korean programme first.
    #[default]
    Ko,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Ko, Locale::En];

    /// BCP 47 tag, used for `<html lang>` and the cookie value.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Ko => "ko",
            Locale::En => "en",
        }
    }

    /// Accepts the codes we emit plus common regional variants ("ko-KR",
    /// "en-US"); anything else is `None` so callers can fall back explicitly.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ko" => Some(Locale::Ko),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::Ko => &ko::KO,
            Locale::En => &en::EN,
        }
    }

    /// The language a switch button offers from this one.
    pub fn other(self) -> Locale {
        match self {
            Locale::Ko => Locale::En,
            Locale::En => Locale::Ko,
        }
    }

    /// Picks the language from a `Cookie` header value. Korean unless the
    /// visitor chose otherwise: the programme's audience is Korean first.
    pub fn from_cookie_header(header: &str) -> Locale {
        header
            .split(';')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| name.trim() == LOCALE_COOKIE)
            .and_then(|(_, value)| Locale::from_code(value))
            .unwrap_or_default()
    }
}

/// The language of the current page: fixed for the whole render (pages
/// render on the server only, and switching language is a form post that
/// reloads the page), so a plain value rather than a signal, which every
/// one of a page's strings would otherwise subscribe to.
#[derive(Clone, Copy)]
pub struct I18n {
    locale: Locale,
}

impl I18n {
    pub fn locale(self) -> Locale {
        self.locale
    }

    /// The string table for the page's language.
    pub fn t(self) -> &'static Strings {
        self.locale.strings()
    }
}

/// Installs the page's language at the root of the app.
pub fn provide_i18n(initial: Locale) -> I18n {
    let i18n = I18n { locale: initial };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language the current request or document was rendered in.
pub fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(http::header::COOKIE)
                    .and_then(|v| v.to_str().ok())
                    .map(Locale::from_cookie_header)
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("lang"))
            .and_then(|lang| Locale::from_code(&lang))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
        }
        assert_eq!(Locale::from_code("ko-KR"), Some(Locale::Ko));
        assert_eq!(Locale::from_code("EN_us"), Some(Locale::En));
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::from_code(""), None);
    }

    #[test]
    fn cookie_header_picks_lang_and_defaults_to_korean() {
        assert_eq!(Locale::from_cookie_header("a=1; lang=en; b=2"), Locale::En);
        assert_eq!(Locale::from_cookie_header("lang=ko"), Locale::Ko);
        assert_eq!(Locale::from_cookie_header("lang=xx"), Locale::Ko);
        assert_eq!(Locale::from_cookie_header("language=en"), Locale::Ko);
        assert_eq!(Locale::from_cookie_header(""), Locale::Ko);
    }

    #[test]
    fn other_switches() {
        assert_eq!(Locale::Ko.other(), Locale::En);
        assert_eq!(Locale::En.other(), Locale::Ko);
    }
}
