//! site.yaml as the editor wrote it: the serde shape (`RawConfig` and the
//! sections it holds), the top-level keys, and the example shown when a key
//! holds the wrong kind of value. Nothing here is checked; the validator in
//! `validate` turns it into a [`Config`](super::Config).

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;

use super::lints::RawLints;

/// site.yaml as the editor wrote it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) base_url: Option<String>,
    pub(super) language: Option<String>,
    pub(super) theme: Option<String>,
    pub(super) paginate: Option<i64>,
    pub(super) feed_limit: Option<i64>,
    pub(super) utc_offset: Option<String>,
    #[serde(default)]
    pub(super) search: bool,
    #[serde(default)]
    pub(super) districts: IndexMap<String, Option<RawDistrict>>,
    #[serde(default)]
    pub(super) slugs: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) old_slugs: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub(super) markdown: RawMarkdown,
    #[serde(default)]
    pub(super) embeds: RawEmbeds,
    #[serde(default)]
    pub(super) lints: RawLints,
    #[serde(default)]
    pub(super) extra: serde_yaml::Mapping,
}

pub(super) const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "paginate",
    "feed_limit",
    "utc_offset",
    "search",
    "districts",
    "slugs",
    "old_slugs",
    "markdown",
    "embeds",
    "lints",
    "extra",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDistrict {
    pub(super) slug: Option<String>,
    #[serde(default)]
    pub(super) aliases: Vec<String>,
    #[serde(default)]
    pub(super) towns: Vec<String>,
    #[serde(default)]
    pub(super) old_slugs: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMarkdown {
    #[serde(default)]
    pub(super) unsafe_html: bool,
    #[serde(default)]
    pub(super) highlight: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEmbeds {
    #[serde(default)]
    pub(super) hosts: Vec<String>,
}

pub(super) fn config_example(key: &str) -> Option<&'static str> {
    Some(match key {
        "paginate" => "paginate: 20",
        "feed_limit" => "feed_limit: 20",
        "search" => "search: true",
        "districts" => "districts: { 松江区: { slug: songjiang } }",
        "slugs" => "slugs: { 庄行镇: zhuang-hang-zhen }",
        "old_slugs" => "old_slugs: { 民宿: [min-su-2] }",
        "markdown" => "markdown: { unsafe_html: false }",
        "embeds" => "embeds: { hosts: [player.bilibili.com] }",
        "lints" => "lints: { number-mismatch: false, brief_limit: 300 }",
        _ => return None,
    })
}
