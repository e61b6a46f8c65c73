//! jianbao (简报): a static-site generator for community news bulletins written in Chinese.
//!
//! Data flows one way: [`config`] and [`content`] load the site into the
//! [`site`] model, [`taxonomy`] groups it, [`redirects`] says where old
//! addresses lead, [`plan`] lists every page, [`render`] turns pages into
//! bytes and a sink takes them: the output folder, all or nothing
//! (`output`), the files `serve` holds, or a collection for `check`.
//! [`pipeline`] runs those steps, the same for [`build`], [`check`] and
//! [`serve`]; `docs/architecture.md` describes it.

/// The folder in a site's root where a build keeps what the next one reuses:
/// pictures made, the terms published, scratch text. `cache_folder!("images")`
/// is a path in it; a macro, so that the name is spelled once and the paths
/// stay `&'static str` constants.
macro_rules! cache_folder {
    () => {
        ".jianbao-cache"
    };
    ($path:literal) => {
        concat!(cache_folder!(), "/", $path)
    };
}

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub(crate) mod dates;
pub mod editions;
pub mod error;
pub mod i18n;
pub(crate) mod images;
pub mod lint;
pub mod markdown;
pub(crate) mod names;
pub(crate) mod output;
pub(crate) mod par;
pub(crate) mod pinyin;
pub mod pipeline;
pub mod plan;
pub mod redirects;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod site_path;
pub(crate) mod slug;
pub mod taxonomy;
pub(crate) mod timing;
pub(crate) mod yaml;
