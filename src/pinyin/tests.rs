use super::*;

/// Everyday polyphonic words and place names, with their readings as the
/// 现代汉语词典 and the names' own usage give them.
const READINGS: &[(&str, &str)] = &[
    ("银行", "yin-hang"),
    ("行长", "hang-zhang"),
    ("银行行长", "yin-hang-hang-zhang"),
    ("行业", "hang-ye"),
    ("行政", "xing-zheng"),
    ("闵行区", "min-hang-qu"),
    ("重庆", "chong-qing"),
    ("重要", "zhong-yao"),
    ("重新", "chong-xin"),
    ("长宁区", "chang-ning-qu"),
    ("长兴岛", "chang-xing-dao"),
    ("长江", "chang-jiang"),
    ("长大", "zhang-da"),
    ("校长", "xiao-zhang"),
    ("厦门", "xia-men"),
    ("大厦", "da-sha"),
    ("音乐", "yin-yue"),
    ("快乐", "kuai-le"),
    ("乐器", "yue-qi"),
    ("乐清", "yue-qing"),
    ("会计", "kuai-ji"),
    ("会计师", "kuai-ji-shi"),
    ("会议", "hui-yi"),
    ("还是", "hai-shi"),
    ("归还", "gui-huan"),
    ("莘庄镇", "xin-zhuang-zhen"),
    ("朝阳区", "chao-yang-qu"),
    ("六安", "lu-an"),
    ("蚌埠", "beng-bu"),
    ("番禺", "pan-yu"),
    ("丽水", "li-shui"),
    ("调查", "diao-cha"),
    ("调解", "tiao-jie"),
    ("空调", "kong-tiao"),
    ("单位", "dan-wei"),
    ("种植", "zhong-zhi"),
    ("种子", "zhong-zi"),
    ("头发", "tou-fa"),
    ("理发", "li-fa"),
    ("角色", "jue-se"),
    ("率先", "shuai-xian"),
    ("效率", "xiao-lv"),
    ("供给", "gong-ji"),
    ("宿舍", "su-she"),
    ("民宿", "min-su"),
    ("便宜", "pian-yi"),
    ("方便", "fang-bian"),
    ("人参", "ren-shen"),
    ("参加", "can-jia"),
    ("差距", "cha-ju"),
    ("出差", "chu-chai"),
    ("处长", "chu-zhang"),
    ("干部", "gan-bu"),
    ("干净", "gan-jing"),
    ("暖和", "nuan-huo"),
    ("曾经", "ceng-jing"),
    ("都市", "du-shi"),
    ("爱好", "ai-hao"),
    ("兴趣", "xing-qu"),
    ("朱家角镇", "zhu-jia-jiao-zhen"),
    ("泖港镇", "mao-gang-zhen"),
    ("叶榭镇", "ye-xie-zhen"),
    ("柘林镇", "zhe-lin-zhen"),
    ("吕巷镇", "lv-xiang-zhen"),
    ("大场镇", "da-chang-zhen"),
    ("新浜镇", "xin-bang-zhen"),
    ("佘山镇", "she-shan-zhen"),
    ("石湖荡镇", "shi-hu-dang-zhen"),
    ("支部书记谈组团服务", "zhi-bu-shu-ji-tan-zu-tuan-fu-wu"),
    ("基层党建", "ji-ceng-dang-jian"),
    ("消防演练", "xiao-fang-yan-lian"),
];

#[test]
fn polyphonic_words_and_place_names_read_by_word() {
    let wrong: Vec<String> = READINGS
        .iter()
        .filter(|(name, want)| read(name).slug() != *want)
        .map(|(name, want)| format!("{name}: {} (want {want})", read(name).slug()))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    assert!(READINGS.len() >= 50);
}

/// Names read right, but with a polyphone no dictionary word settles: 角
/// alone in 朱家角 could be jiǎo or jué.
const RIGHT_BY_GUESS: &[&str] = &["朱家角镇"];

#[test]
fn readings_settled_by_a_word_are_not_guesses() {
    for (name, _) in READINGS {
        let guesses = read(name).guesses;
        assert_eq!(
            guesses.is_empty(),
            !RIGHT_BY_GUESS.contains(name),
            "{name}: {guesses:?}"
        );
    }
}

#[test]
fn a_polyphone_outside_any_word_is_a_guess() {
    // 庄行 is in no word list: 行 alone could be xíng or háng.
    let r = read("庄行镇");
    assert_eq!(r.slug(), "zhuang-xing-zhen");
    assert_eq!(r.guesses.len(), 1);
    assert_eq!(r.guesses[0].character, '行');
    assert_eq!(r.guesses[0].chosen, "xing");
    assert!(r.guesses[0].readings.contains(&"hang".to_string()));
    assert_eq!(r.other_slug().as_deref(), Some("zhuang-hang-zhen"));
    assert_eq!(read("银行").other_slug(), None);
}

#[test]
fn characters_with_one_reading_are_never_guesses() {
    assert_eq!(read("洞泾镇").guesses, []);
    assert_eq!(read("松江区").guesses, []);
}

#[test]
fn latin_and_digits_stay_whole_between_syllables() {
    assert_eq!(read("119消防日").slug(), "119-xiao-fang-ri");
    assert_eq!(read("Rust 入门").slug(), "rust-ru-men");
    assert_eq!(read("ＡＢ１").slug(), "ab1");
    assert_eq!(read("“两新”组织").slug(), "liang-xin-zu-zhi");
    assert_eq!(read("——").slug(), "");
}

#[test]
fn u_umlaut_becomes_v_so_slugs_stay_ascii() {
    assert_eq!(read("绿色").slug(), "lv-se");
    assert_eq!(read("女性").slug(), "nv-xing");
}

#[test]
fn tones_come_with_the_word() {
    let tones: Vec<u8> = read("银行").syllables.iter().map(|s| s.tone).collect();
    assert_eq!(tones, [2, 2]);
    let tones: Vec<u8> = read("音乐").syllables.iter().map(|s| s.tone).collect();
    assert_eq!(tones, [1, 4]);
}

#[test]
fn sort_keys_order_by_syllable_then_tone_then_name() {
    let mut names = vec!["新河镇", "长兴镇", "重庆", "长宁区", "叶榭镇", "车墩镇"];
    names.sort_by_cached_key(|n| read(n).sort_key(n));
    assert_eq!(names, ["长宁区", "长兴镇", "车墩镇", "重庆", "新河镇", "叶榭镇"]);
    // 妈 mā (1) before 马 mǎ (3) before 骂 mà (4).
    let mut words = vec!["骂", "马", "妈"];
    words.sort_by_cached_key(|n| read(n).sort_key(n));
    assert_eq!(words, ["妈", "马", "骂"]);
}

#[test]
fn a_slug_orders_like_the_reading_it_spells() {
    // 庄行 read from its slug sorts under hang, where the editor put it.
    let from_slug = Reading::of_slug("zhuang-hang-zhen").sort_key("庄行镇");
    let guessed = read("庄行镇").sort_key("庄行镇");
    let zhuanghe = read("庄河").sort_key("庄河");
    assert!(from_slug < zhuanghe, "hang before he");
    assert!(guessed > zhuanghe, "xing after he");
}

#[test]
fn a_place_name_is_settled_only_by_the_whole_place() {
    // 重固 is a word (zhòng gù, "to reinforce"), but not the town 重固镇.
    let r = read_checked("重固镇");
    assert_eq!(r.slug(), "zhong-gu-zhen");
    assert_eq!(r.guesses.len(), 1, "{r:?}");
    assert_eq!(r.other_slug().as_deref(), Some("chong-gu-zhen"));
    // The dictionary knows these places whole.
    for place in ["闵行区", "长宁区", "莘庄镇", "朝阳区", "长兴岛"] {
        assert_eq!(read_checked(place).guesses, [], "{place}");
    }
    // Not a place name: the word settles it.
    assert_eq!(read_checked("重固").guesses, []);
    assert_eq!(read_checked("洞泾镇").guesses, []);
}
