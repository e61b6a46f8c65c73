//! The `jianbao` binary: parses the command line, runs the command, prints
//! problems as `path:line:col: message` and maps the outcome to an exit code.

mod cli;

// A build allocates millions of short-lived strings from many threads at once:
// mimalloc's per-thread heaps make that faster than glibc's allocator and return memory sooner.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

use jianbao::error::{Area, Diagnostics};
use jianbao::i18n;
use jianbao::msg;

/// Exit codes scripts can rely on.
mod exit {
    /// A content problem: an article, a link.
    pub const CONTENT: u8 = 1;
    /// A usage or configuration problem: site.yaml, the theme, the output folder.
    pub const CONFIG: u8 = 2;
}

/// How much to print, and how.
#[derive(Clone, Copy)]
struct Output {
    /// Errors only: `--quiet`.
    quiet: bool,
    /// Colour on standard error, which problems go to.
    colour: bool,
}

fn main() -> ExitCode {
    use std::io::IsTerminal;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = cli::early_language(&args);
    i18n::set_language(lang);
    let cli = cli::parse(args, lang);
    // The parsed arguments are the word on `--lang` and `--root`; the scan
    // before parsing only served `--help` and clap's errors.
    i18n::set_language(cli::language_for(cli.lang, cli.command.root()));
    let out = Output {
        quiet: cli.quiet,
        colour: jianbao::report::colour_wanted(std::io::stderr().is_terminal()),
    };
    OUTPUT.set(out).ok();
    match cli.command {
        cli::Command::Build(args) => run_build(&args),
        cli::Command::Serve(args) => run_serve(&args),
        cli::Command::Check(args) => run_check(&args),
        cli::Command::New(args) => run_new(&args),
        cli::Command::Init(args) => run_init(&args),
        cli::Command::Theme(cli::ThemeCommand::Export(args)) => run_theme_export(&args),
    }
}

/// A line of jianbao's own, `jianbao: …`, in the language of the run.
fn say(message: i18n::Message) -> String {
    format!("jianbao: {message}")
}

/// Set once in `main`, read by the printing functions.
static OUTPUT: std::sync::OnceLock<Output> = std::sync::OnceLock::new();

fn output() -> Output {
    OUTPUT.get().copied().unwrap_or(Output {
        quiet: false,
        colour: false,
    })
}

fn run_check(args: &cli::CheckArgs) -> ExitCode {
    let problems = jianbao::check::check(&jianbao::check::CheckOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        future: args.future,
    });
    // Paths as seen from here, where CI annotations and editors look for the files.
    let problems = match std::env::current_dir() {
        Ok(cwd) => jianbao::report::relative_to(&problems, &args.root, &cwd),
        Err(_) => problems,
    };
    let shown: Diagnostics = if output().quiet {
        problems.iter().filter(|d| d.is_error()).cloned().collect()
    } else {
        problems.clone()
    };
    {
        use std::io::IsTerminal;
        let colour = jianbao::report::colour_wanted(std::io::stdout().is_terminal());
        print!("{}", jianbao::report::format_coloured(&shown, args.format, colour));
    }
    if args.format == jianbao::report::Format::Text && !output().quiet {
        eprintln!(
            "{}",
            say(msg!(
                "check-summary",
                errors = problems.error_count(),
                warnings = problems.warning_count()
            ))
        );
    }
    if problems.has_errors() {
        ExitCode::from(exit_code(&problems))
    } else if args.deny_warnings && problems.warning_count() > 0 {
        ExitCode::from(exit::CONTENT)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_new(args: &cli::NewArgs) -> ExitCode {
    let (tags, tag_notes) = jianbao::scaffold::split_list("--tags", &args.tags);
    let (towns, town_notes) = jianbao::scaffold::split_list("--towns", &args.towns);
    for note in tag_notes.into_iter().chain(town_notes) {
        eprintln!("{}", say(note));
    }
    let article = jianbao::scaffold::NewArticle {
        title: args.title.clone(),
        district: args.district.clone(),
        kind: args.kind.as_deref().map(|k| match k {
            "feature" => jianbao::content::Kind::Feature,
            "brief" => jianbao::content::Kind::Brief,
            "photo" => jianbao::content::Kind::Photo,
            _ => jianbao::content::Kind::News,
        }),
        tags,
        towns,
        column: args.column.clone(),
        issue: args.issue.map(|n| {
            n.map_or(
                jianbao::scaffold::EditionChoice::Newest,
                jianbao::scaffold::EditionChoice::Number,
            )
        }),
    };
    match jianbao::scaffold::new_article(&args.root, &args.path, &article) {
        Ok(path) => {
            println!("{}", say(msg!("new-written", path = path.display())));
            ExitCode::SUCCESS
        }
        Err(problems) => {
            let problems: Diagnostics = problems.into_iter().collect();
            print_problems(&problems);
            ExitCode::from(exit_code(&problems))
        }
    }
}

fn run_init(args: &cli::InitArgs) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    match jianbao::scaffold::init(&args.dir, today) {
        Ok(files) => {
            for f in files {
                println!("{}", say(msg!("file-written", path = f.display())));
            }
            println!("{}", say(msg!("init-ready", dir = args.dir.display())));
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(exit::CONFIG)
        }
    }
}

/// Tells mimalloc never to give freed memory back to the system, for `serve`
/// and `build`.
///
/// Each save's background pass frees the pages of the last (some 280 MB on
/// a 10,000-article site). By default mimalloc returns that memory a second
/// later, and it does so on the next thread that allocates: the next save's
/// rebuild, which then spends 5 to 10 ms unmapping before it can serve the
/// page the editor is looking at. Kept, that memory serves the next rebuild
/// instead; the server stays at the size of its largest rebuild.
///
/// A build frees as it goes (each article's scratch text, each page once
/// written) and allocates again at once: memory handed back is memory the
/// system must clear again for the next page. Kept, a 10,000-article build
/// takes some 0.08 s less system time, and the peak of a
/// 100,000-article build stays under its gigabyte (916 MiB against 889 MiB).
fn keep_freed_memory() {
    // SAFETY: mi_option_set only stores an option's value, which mimalloc
    // reads atomically; the value -1 ("never purge") is a documented one.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

/// `mi_option_purge_delay` in mimalloc.h's list of options, which the sys crate gives no name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn run_serve(args: &cli::ServeArgs) -> ExitCode {
    keep_freed_memory();
    match jianbao::serve::serve(args.options()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", say(e.message()));
            if let Some(hint) = e.hint() {
                let lang = i18n::language();
                eprintln!("  {}{}{hint}", jianbao::error::hint_label(lang), i18n::colon(lang));
            }
            ExitCode::from(exit::CONFIG)
        }
    }
}

fn run_build(args: &cli::BuildArgs) -> ExitCode {
    keep_freed_memory();
    let options = args.options();
    match jianbao::build::build_with(&options, args.publish()) {
        Ok(report) => {
            if output().quiet {
                return ExitCode::SUCCESS;
            }
            print_problems(&report.warnings);
            let changed = match report.written {
                0 => msg!("build-nothing-changed"),
                n if n == report.pages + report.static_files => msg!("build-all-written"),
                n => msg!("build-some-written", count = n),
            };
            println!(
                "{}",
                say(msg!(
                    "build-summary",
                    pages = report.pages,
                    articles = report.articles,
                    static_files = report.static_files,
                    changed = changed,
                    ms = u64::try_from(report.elapsed.as_millis()).unwrap_or(u64::MAX),
                    output = options.output.display()
                ))
            );
            if let Some(line) = jianbao::report::left_out_summary(&report.left_out) {
                println!("{}", say(line));
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            eprintln!(
                "{}",
                say(msg!(
                    "build-failed",
                    count = problems.error_count(),
                    output = options.output.display()
                ))
            );
            ExitCode::from(exit_code(&problems))
        }
    }
}

fn run_theme_export(args: &cli::ExportArgs) -> ExitCode {
    let dir = args
        .dir
        .clone()
        .unwrap_or_else(|| args.root.join("themes").join("default"));
    match jianbao::scaffold::export_theme(&dir) {
        Ok(written) => {
            println!(
                "{}",
                say(msg!("theme-exported", dir = dir.display(), count = written.len()))
            );
            println!("  {}", msg!("theme-exported-how"));
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::from(exit::CONFIG)
        }
    }
}

/// Problems to standard error, warnings left out under `--quiet`.
fn print_problems(problems: &Diagnostics) {
    let out = output();
    let shown: Diagnostics = problems
        .iter()
        .filter(|d| !out.quiet || d.is_error())
        .cloned()
        .collect();
    eprint!(
        "{}",
        jianbao::report::format_coloured(&shown, jianbao::report::Format::Text, out.colour)
    );
}

fn exit_code(problems: &Diagnostics) -> u8 {
    match problems.worst_area() {
        Some(Area::Content) | None => exit::CONTENT,
        Some(Area::Config | Area::Io) => exit::CONFIG,
    }
}
