//! Query strings for links the app builds itself (sign-in return paths,
//! filtered lists), so Korean search words survive a round trip.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What stays as it is in a query value: RFC 3986's unreserved characters
/// and `/` (so return paths stay readable); everything else, Hangul
/// included, is percent-encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes a value for a query string.
pub fn encode_query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// `?a=1&b=x` from the pairs whose value is not empty ("" when none are).
pub fn query_string<V: AsRef<str>>(pairs: &[(&str, V)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.as_ref().is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v.as_ref())))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/admin/users"), "/admin/users");
        assert_eq!(
            encode_query_value("/admin/users?role=investor&q=김"),
            "/admin/users%3Frole%3Dinvestor%26q%3D%EA%B9%80"
        );
        assert_eq!(encode_query_value("a b+c"), "a%20b%2Bc");
    }

    #[test]
    fn query_strings_skip_empty_values() {
        assert_eq!(query_string::<String>(&[]), "");
        assert_eq!(query_string(&[("role", String::new())]), "");
        assert_eq!(
            query_string(&[
                ("role", "investor".to_string()),
                ("q", "한강 클럽".into()),
                ("page", "2".into())
            ]),
            "?role=investor&q=%ED%95%9C%EA%B0%95%20%ED%81%B4%EB%9F%BD&page=2"
        );
    }
}
