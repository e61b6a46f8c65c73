//! The command line: clap's parsed arguments, turned into the library's options.

mod help;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use jianbao::i18n::{self, Lang};

/// The command line parsed, its help and errors in `lang`; on a mistake or
/// `--help`, prints and exits as clap does.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Cli {
    let command = help::localise(Cli::command(), lang);
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(error) => match help::error_text(&error, lang) {
            Some(text) => {
                eprint!("{text}");
                std::process::exit(error.exit_code());
            }
            None => error.exit(),
        },
    }
}

/// The language of messages, read from the raw arguments before clap parses
/// them, so that `--help` and clap's errors speak it too: `--lang`, else the
/// `language:` of the site.yaml in `--root` (or here), else the locale.
pub fn early_language(args: &[OsString]) -> Lang {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let value_of = |name: &str| {
        args.iter().enumerate().find_map(|(i, arg)| {
            let rest = arg.strip_prefix(name)?;
            match rest.strip_prefix('=') {
                Some(value) => Some(value.to_string()),
                None if rest.is_empty() => args.get(i + 1).map(|v| v.to_string()),
                None => None,
            }
        })
    };
    let flag = value_of("--lang").and_then(|tag| Lang::from_tag(&tag));
    let root = value_of("--root").map_or_else(|| PathBuf::from("."), PathBuf::from);
    language_for(flag, &root)
}

/// The language of messages for a run given `--lang` (if any) on the site
/// in `root`: the flag, else site.yaml's `language:`, else the locale.
pub fn language_for(flag: Option<Lang>, root: &Path) -> Lang {
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).ok();
    let declared = site_yaml.as_deref().and_then(i18n::declared_language);
    Lang::choose(flag, declared.as_deref(), &|name| std::env::var(name).ok())
}

/// The version and the commit it was built from.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("JIANBAO_COMMIT"), ")");

/// jianbao (简报): builds community news bulletins written in Chinese.
#[derive(Debug, Parser)]
#[command(name = "jianbao", version = VERSION, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print errors only: no warnings, no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Messages in zh (简体中文) or en; default: site.yaml's `language:`, then LANG
    #[arg(long, global = true, value_name = "LANG", value_parser = lang_parser())]
    pub lang: Option<jianbao::i18n::Lang>,
}

/// `--lang zh|en`, listed as clap lists the values of other options.
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = jianbao::i18n::Lang> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(["zh", "en"])
        .map(|tag| jianbao::i18n::Lang::from_tag(&tag).unwrap_or(jianbao::i18n::Lang::Zh))
}

impl Command {
    /// The folder of the site the command works on, whose site.yaml may
    /// choose the language of messages.
    pub fn root(&self) -> &std::path::Path {
        match self {
            Command::Build(args) => &args.root,
            Command::Serve(args) => &args.root,
            Command::Check(args) => &args.root,
            Command::New(args) => &args.root,
            Command::Init(args) => &args.dir,
            Command::Theme(ThemeCommand::Export(args)) => &args.root,
        }
    }
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Build the site in memory, serve it, and rebuild and reload on every change.
    Serve(ServeArgs),
    /// Report every error and warning a build would, broken links and newsroom lints; write nothing.
    Check(CheckArgs),
    /// Write a new article with complete front matter.
    New(NewArgs),
    /// Create a new site that builds at once with the built-in theme.
    Init(InitArgs),
    /// Work with themes: `jianbao theme export` writes the built-in theme out to change it.
    #[command(subcommand)]
    Theme(ThemeCommand),
}

/// What `jianbao theme` does.
#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Write the built-in default theme into a folder (themes/default of the site unless
    /// given), where site.yaml's `theme: default` picks it up instead of the built-in one.
    Export(ExportArgs),
}

/// Options of `jianbao theme export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write the theme; default: themes/default in the site's folder.
    pub dir: Option<PathBuf>,
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `jianbao check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print problems: text for people, json for tools, github for CI annotations.
    #[arg(long, value_enum, default_value = "text")]
    pub format: jianbao::report::Format,
    /// Exit with 1 on warnings too, not only on errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check drafts as well.
    #[arg(long)]
    pub drafts: bool,
    /// Check articles dated in the future as well.
    #[arg(long)]
    pub future: bool,
}

/// Options of `jianbao new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the article, under content/: content/2013/11/fengjing.md
    pub path: PathBuf,
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    #[arg(long)]
    pub title: String,
    /// A district listed in site.yaml (or one of its aliases).
    #[arg(long)]
    pub district: String,
    /// feature, news, brief or photo.
    #[arg(long, value_parser = ["feature", "news", "brief", "photo"])]
    pub kind: Option<String>,
    /// Tags, separated by commas: --tags 消防安全,演练
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Towns, separated by commas.
    #[arg(long, value_delimiter = ',')]
    pub towns: Vec<String>,
    #[arg(long)]
    pub column: Option<String>,
    /// The edition to put the article in: the newest, or the number given.
    #[arg(long, value_name = "N", num_args = 0..=1)]
    pub issue: Option<Option<u32>>,
}

/// Options of `jianbao init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create the site in.
    pub dir: PathBuf,
}

/// Options of `jianbao serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; only this machine can connect unless you change it.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    /// The library's serve options.
    pub fn options(&self) -> jianbao::serve::ServeOptions {
        jianbao::serve::ServeOptions {
            root: self.root.clone(),
            bind: self.bind,
            port: self.port,
            drafts: self.drafts,
            future: self.future,
            open: self.open,
        }
    }
}

/// Options of `jianbao build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (the one holding site.yaml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site; relative to the site's folder.
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    pub output: PathBuf,
    /// Publish under this address instead of site.yaml's base_url (for previews).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    pub future: bool,
    /// Minify pages (HTML) and stylesheets; the output is still the same for the same input.
    #[arg(long)]
    pub minify: bool,
}

impl BuildArgs {
    /// How the output is published.
    pub fn publish(&self) -> jianbao::render::PublishOptions {
        jianbao::render::PublishOptions { minify: self.minify }
    }

    /// The library's build options.
    pub fn options(&self) -> jianbao::build::BuildOptions {
        let output = if self.output.is_absolute() {
            self.output.clone()
        } else {
            self.root.join(&self.output)
        };
        jianbao::build::BuildOptions {
            root: self.root.clone(),
            output,
            base_url: self.base_url.clone(),
            drafts: self.drafts,
            future: self.future,
            held_text: None,
        }
    }
}
