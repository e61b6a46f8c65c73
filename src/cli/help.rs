//! The command line's own words, `--help` and clap's errors, in the language
//! of the run. clap has no catalogue of its own: the help of each command and
//! option is set here from ours, and the errors editors meet most (an unknown
//! option, a wrong value, a missing one) are put into our words before they
//! are printed.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use jianbao::i18n::{Lang, Message};
use jianbao::msg;

/// The help of each command (`None`) and option, by the command's path
/// (`jianbao`, `build`, `theme export`) and the option's id.
fn texts() -> Vec<(&'static str, Option<&'static str>, Message)> {
    vec![
        ("jianbao", None, msg!("help-jianbao")),
        ("jianbao", Some("quiet"), msg!("help-quiet")),
        ("jianbao", Some("lang"), msg!("help-lang")),
        ("build", None, msg!("help-build")),
        ("build", Some("root"), msg!("help-root")),
        ("build", Some("output"), msg!("help-build-output")),
        ("build", Some("base_url"), msg!("help-build-base-url")),
        ("build", Some("drafts"), msg!("help-drafts")),
        ("build", Some("future"), msg!("help-future")),
        ("build", Some("minify"), msg!("help-build-minify")),
        ("serve", None, msg!("help-serve")),
        ("serve", Some("root"), msg!("help-root")),
        ("serve", Some("port"), msg!("help-serve-port")),
        ("serve", Some("bind"), msg!("help-serve-bind")),
        ("serve", Some("drafts"), msg!("help-drafts")),
        ("serve", Some("future"), msg!("help-future")),
        ("serve", Some("open"), msg!("help-serve-open")),
        ("check", None, msg!("help-check")),
        ("check", Some("root"), msg!("help-root")),
        ("check", Some("format"), msg!("help-check-format")),
        ("check", Some("deny_warnings"), msg!("help-check-deny-warnings")),
        ("check", Some("drafts"), msg!("help-check-drafts")),
        ("check", Some("future"), msg!("help-check-future")),
        ("new", None, msg!("help-new")),
        ("new", Some("path"), msg!("help-new-path")),
        ("new", Some("root"), msg!("help-root")),
        ("new", Some("title"), msg!("help-new-title")),
        ("new", Some("district"), msg!("help-new-district")),
        ("new", Some("kind"), msg!("help-new-kind")),
        ("new", Some("tags"), msg!("help-new-tags")),
        ("new", Some("towns"), msg!("help-new-towns")),
        ("new", Some("column"), msg!("help-new-column")),
        ("new", Some("issue"), msg!("help-new-issue")),
        ("init", None, msg!("help-init")),
        ("init", Some("dir"), msg!("help-init-dir")),
        ("theme", None, msg!("help-theme")),
        ("theme export", None, msg!("help-theme-export")),
        ("theme export", Some("dir"), msg!("help-theme-export-dir")),
        ("theme export", Some("root"), msg!("help-root")),
    ]
}

/// The command line `command` with every help text in `lang`.
pub fn localise(command: Command, lang: Lang) -> Command {
    let texts = texts();
    let command = command
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(msg!("help-version").render(lang)),
        )
        .disable_help_subcommand(true);
    walk(command, None, lang, &texts)
}

fn walk(mut command: Command, parent: Option<&str>, lang: Lang, texts: &[(&str, Option<&str>, Message)]) -> Command {
    let name = command.get_name().to_string();
    let path = match parent {
        None => "jianbao".to_string(),
        Some("jianbao") => name,
        Some(parent) => format!("{parent} {name}"),
    };
    let text = |arg: Option<&str>| {
        texts
            .iter()
            .find(|(p, a, _)| *p == path && *a == arg)
            .map(|(_, _, m)| m.render(lang))
    };
    if let Some(about) = text(None) {
        command = command.about(about);
    }
    command = command.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(msg!("help-help").render(lang)),
    );
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if let Some(help) = text(Some(&id)) {
            command = command.mut_arg(&id, |arg| {
                let help = help + &values_note(&arg, lang);
                let arg = arg.help(help);
                if arg.get_action().takes_values() {
                    arg.hide_default_value(true).hide_possible_values(true)
                } else {
                    arg
                }
            });
        }
    }
    let template = template(&command, lang);
    command = command.help_template(template);
    let subcommands: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for sub in subcommands {
        command = command.mut_subcommand(&sub, |c| walk(c, Some(&path), lang, texts));
    }
    command
}

/// ` [default: public] [possible values: zh, en]` in `lang`, as clap would
/// say it in English, for an option's help.
fn values_note(arg: &Arg, lang: Lang) -> String {
    let mut note = String::new();
    // Brackets in English stand apart; full-width ones in Chinese need no space.
    let gap = if lang == Lang::En { " " } else { "" };
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse) {
        note.push_str(gap);
        note.push_str(&msg!("help-default", value = defaults.join(",")).render(lang));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !possible.is_empty() && !matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse) {
        note.push_str(gap);
        note.push_str(&msg!("help-possible-values", values = possible).render(lang));
    }
    note
}

/// The shape of a command's help, with its headings in `lang`: clap's own
/// headings are English, and only a template can change them.
fn template(command: &Command, lang: Lang) -> String {
    let colon = jianbao::i18n::colon(lang);
    let heading = |m: Message| format!("{}{}\n", m.render(lang), colon.trim_end());
    let mut text = format!(
        "{{before-help}}{{about-with-newline}}\n{}{colon}{{usage}}\n",
        msg!("help-heading-usage").render(lang)
    );
    if command.has_subcommands() {
        text.push('\n');
        text.push_str(&heading(msg!("help-heading-commands")));
        text.push_str("{subcommands}\n");
    }
    if command.get_positionals().next().is_some() {
        text.push('\n');
        text.push_str(&heading(msg!("help-heading-arguments")));
        text.push_str("{positionals}\n");
    }
    text.push('\n');
    text.push_str(&heading(msg!("help-heading-options")));
    text.push_str("{options}{after-help}");
    text
}

/// clap's error in `lang`: its own words in English, ours in Chinese for the
/// mistakes a person makes at the command line; `None` to print clap's as it is.
pub fn error_text(error: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(list)) => Some(list.join(", ")),
        _ => None,
    };
    let message = match error.kind() {
        ErrorKind::UnknownArgument => msg!("cli-unknown-option", option = context(ContextKind::InvalidArg)?),
        ErrorKind::InvalidSubcommand => msg!(
            "cli-unknown-command",
            command = context(ContextKind::InvalidSubcommand)?
        ),
        ErrorKind::InvalidValue => msg!(
            "cli-invalid-value",
            value = context(ContextKind::InvalidValue)?,
            option = context(ContextKind::InvalidArg)?
        ),
        ErrorKind::ValueValidation => msg!(
            "cli-invalid-value",
            value = context(ContextKind::InvalidValue)?,
            option = context(ContextKind::InvalidArg)?
        ),
        ErrorKind::MissingRequiredArgument => msg!("cli-missing-option", options = context(ContextKind::InvalidArg)?),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg!("cli-missing-command")
        }
        _ => return None,
    };
    let hint = context(ContextKind::SuggestedArg)
        .or_else(|| context(ContextKind::SuggestedSubcommand))
        .map(|near| msg!("cli-did-you-mean", name = near))
        .or_else(|| context(ContextKind::ValidValue).map(|values| msg!("cli-valid-values", values = values)));
    let colon = jianbao::i18n::colon(lang);
    let mut text = format!("{}{colon}{}\n", msg!("label-error").render(lang), message.render(lang));
    if let Some(hint) = hint {
        text.push_str(&format!(
            "  {}{colon}{}\n",
            jianbao::error::hint_label(lang),
            hint.render(lang)
        ));
    }
    text.push_str(&format!("  {}\n", msg!("cli-more-help").render(lang)));
    Some(text)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;

    /// Every command and option, as (path, option id or None).
    fn everything(command: &Command, parent: Option<&str>, found: &mut Vec<(String, Option<String>)>) {
        let path = match parent {
            None => "jianbao".to_string(),
            Some("jianbao") => command.get_name().to_string(),
            Some(parent) => format!("{parent} {}", command.get_name()),
        };
        found.push((path.clone(), None));
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let built_in = matches!(id, "help" | "version");
            let inherited = parent.is_some() && matches!(id, "quiet" | "lang");
            if !built_in && !inherited {
                found.push((path.clone(), Some(id.to_string())));
            }
        }
        for sub in command.get_subcommands() {
            everything(sub, Some(&path), found);
        }
    }

    #[test]
    fn every_command_and_option_has_its_help_in_the_catalogue() {
        let mut found = Vec::new();
        everything(&Cli::command(), None, &mut found);
        let texts = texts();
        let missing: Vec<_> = found
            .iter()
            .filter(|(path, arg)| {
                !texts
                    .iter()
                    .any(|(p, a, _)| p == path && a.as_deref() == arg.as_deref())
            })
            .collect();
        assert!(missing.is_empty(), "no help text for {missing:?}");
        let unused: Vec<_> = texts
            .iter()
            .filter(|(p, a, _)| !found.iter().any(|(path, arg)| path == p && arg.as_deref() == *a))
            .map(|(p, a, _)| (p, a))
            .collect();
        assert!(unused.is_empty(), "help for what does not exist: {unused:?}");
    }

    fn help(lang: Lang, args: &[&str]) -> String {
        let error = localise(Cli::command(), lang)
            .try_get_matches_from(args)
            .expect_err("--help stops the parse");
        assert_eq!(error.kind(), ErrorKind::DisplayHelp);
        error.render().to_string()
    }

    #[test]
    fn help_is_in_chinese_when_the_run_speaks_chinese() {
        let text = help(Lang::Zh, &["jianbao", "build", "--help"]);
        assert!(text.contains("用法："), "{text}");
        assert!(text.contains("选项："), "{text}");
        assert!(text.contains("输出文件夹"), "{text}");
        assert!(!text.contains("Options"), "{text}");
        let text = help(Lang::Zh, &["jianbao", "--help"]);
        assert!(text.contains("命令："), "{text}");
        assert!(text.contains("显示帮助"), "{text}");
    }

    #[test]
    fn help_is_in_english_on_request() {
        let text = help(Lang::En, &["jianbao", "build", "--help"]);
        assert!(text.contains("Usage:"), "{text}");
        assert!(text.contains("Where to write the site"), "{text}");
    }

    #[test]
    fn an_unknown_option_is_explained_in_chinese() {
        let error = localise(Cli::command(), Lang::Zh)
            .try_get_matches_from(["jianbao", "build", "--minfy"])
            .expect_err("no such option");
        let text = error_text(&error, Lang::Zh).expect("put into our words");
        assert_eq!(
            text,
            "错误：没有 `--minfy` 这个选项\n  提示：可能是想写 `--minify`？\n  用 `--help` 查看全部选项\n"
        );
        assert_eq!(error_text(&error, Lang::En), None);
        let error = localise(Cli::command(), Lang::Zh)
            .try_get_matches_from(["jianbao", "check", "--format", "sarif"])
            .expect_err("no such format");
        let text = error_text(&error, Lang::Zh).expect("put into our words");
        assert!(
            text.starts_with("错误：`--format <FORMAT>` 不能取值 `sarif`\n  提示：可选的值：text, json, github\n"),
            "{text}"
        );
    }
}
