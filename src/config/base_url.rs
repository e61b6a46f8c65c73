//! Web addresses in site.yaml: parsing and using the [`BaseUrl`] the site is
//! published at (from `base_url:` or the command line), and the host of an
//! address, by which `embeds:` allows players.

use super::BaseUrl;
use super::validate::Validator;
use crate::i18n::Message;
use crate::msg;

impl BaseUrl {
    /// Parses an http(s) URL, adding the trailing `/` that editors forget.
    pub fn parse(input: &str) -> Result<BaseUrl, Message> {
        let mut text = input.trim().to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        let url = url::Url::parse(&text).map_err(|e| {
            use url::ParseError;
            let reason = match e {
                ParseError::RelativeUrlWithoutBase => msg!("config-url-no-scheme"),
                ParseError::EmptyHost => msg!("config-url-empty-host"),
                ParseError::InvalidPort => msg!("config-url-bad-port"),
                ParseError::InvalidDomainCharacter => msg!("config-url-bad-host"),
                other => msg!("config-url-other", error = other.to_string()),
            };
            msg!("config-base-url-not-url", input = input, reason = reason)
        })?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(msg!("config-base-url-not-http", input = input));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(msg!("config-base-url-query", input = input));
        }
        Ok(BaseUrl {
            path: url.path().to_string(),
            absolute: url.to_string(),
        })
    }

    /// The root-relative link to a site path such as `tags/` (`/bulletin/tags/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, for feeds, the sitemap and canonical links.
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }

    /// The path part, starting and ending with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl Validator<'_> {
    pub(super) fn base_url(&mut self, value: Option<&str>) -> Option<BaseUrl> {
        let Some(value) = value else {
            self.problem(
                "base_url",
                msg!("config-no-base-url"),
                Some(msg!("config-no-base-url-hint")),
            );
            return None;
        };
        match BaseUrl::parse(value) {
            Ok(url) => Some(url),
            Err(message) => {
                self.problem("base_url", message, Some(msg!("config-base-url-hint")));
                None
            }
        }
    }
}

/// The host of a web address, lower case: `https://player.bilibili.com/x` →
/// `player.bilibili.com`; a bare host is itself.
pub fn address_host(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}
