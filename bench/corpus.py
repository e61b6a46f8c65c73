#!/usr/bin/env python3
"""Write a deterministic benchmark corpus of synthetic Chinese community-news articles.

    bench/corpus.py --articles 10000 --flavor jianbao --out /dev/shm/jb-10k
    bench/corpus.py --articles 10000 --flavor hugo    --out /dev/shm/hugo-10k

--flavor jianbao: site.yaml + content/YYYY/MM/<slug>.md with the front matter of SPEC.md
                  (title, date, district, towns, column, kind, tags, byline).
--flavor hugo:    a complete Hugo site (config.yaml, layouts/, content/posts/) doing comparable
                  work: every article page (title, date, district, towns, column, kind, tags,
                  byline, body), the home page paginated by 20, a term list and every term page
                  for tags, districts and columns, one feed of 20 items, sitemap, robots.txt, 404.
                  Build it with `hugo --quiet -s DIR -d OUT`.

The same --articles and --seed give byte-identical files. Article i depends only on the seed
and i (plus, for its one optional link, on N), so the 1,000-article corpus is the first 1,000
articles of the 10,000-article one, up to those links. Both flavours hold the same articles.

Articles: a lead paragraph, `<!-- more -->` (Hugo: `<!--more-->`), then 2-11 more paragraphs,
some preceded by a heading, a list, a blockquote or a fenced code block; 30 % of paragraphs are
hard-wrapped every 18-40 characters (line breaks between CJK characters, as pasted from a print
column); 30 % of articles end with a link to another article's .md file (Hugo: its URL).
9 districts with their towns, 10 columns (on 40 % of articles), 1-4 tags from a pool of 240,
skewed so that a few tags are large and most are small. Python 3 standard library only.
"""
import argparse
import math
import random
import shutil
import sys
from pathlib import Path

MARKER = ".bench-corpus"  # written into every corpus, so --out is only ever wiped if it is one

# The 9 districts of the bench site, with their towns (Shanghai's suburbs).
DISTRICTS = [
    ("松江区", "songjiang", ["洞泾镇", "泖港镇", "叶榭镇", "车墩镇", "新浜镇", "石湖荡镇", "佘山镇", "小昆山镇"]),
    ("金山区", "jinshan", ["枫泾镇", "朱泾镇", "亭林镇", "张堰镇", "吕巷镇", "廊下镇", "漕泾镇"]),
    ("青浦区", "qingpu", ["练塘镇", "金泽镇", "朱家角镇", "白鹤镇", "华新镇", "重固镇", "赵巷镇"]),
    ("奉贤区", "fengxian", ["海湾镇", "庄行镇", "南桥镇", "柘林镇", "青村镇", "金汇镇", "四团镇"]),
    ("崇明区", "chongming", ["城桥镇", "堡镇", "陈家镇", "新河镇", "向化镇", "竖新镇", "港西镇"]),
    ("嘉定区", "jiading", ["安亭镇", "南翔镇", "马陆镇", "外冈镇", "华亭镇", "徐行镇"]),
    ("宝山区", "baoshan", ["罗店镇", "月浦镇", "顾村镇", "罗泾镇", "杨行镇"]),
    ("闵行区", "minhang", ["七宝镇", "浦江镇", "吴泾镇", "马桥镇", "华漕镇"]),
    ("浦东新区", "pudong", ["川沙新镇", "周浦镇", "惠南镇", "新场镇", "大团镇", "祝桥镇"]),
]
COLUMNS = ["组团服务进村居", "短讯", "镇村新貌", "身边好人", "平安家园", "三务公开", "文化走廊", "健康知识",
           "民生实事", "基层动态"]
KINDS = ["news"] * 6 + ["feature"] * 2 + ["brief"] * 3 + ["photo"]
ROLES = ["通讯员", "记者", "摄影", "特约通讯员"]
NAMES = ["陈国平", "李秀英", "周建新", "吴晓燕", "郑志刚", "孙丽华", "钱伟明", "冯雪梅", "褚海涛", "卫红",
         "蒋文杰", "沈玉兰", "韩立新", "杨春燕", "朱永康", "秦佩琴", "尤金宝", "许丹丹", "何振华", "吕亚萍"]

# 240 tags; no two of them read the same in toneless pinyin, so each has its own slug.
TAGS = """
党建引领 组团服务 志愿者 积分兑换 村务监督 平安创建 垃圾分类 河道保洁 美丽庭院 居家养老 为老服务 助残帮扶
文明实践 家庭医生 健康义诊 法律援助 心理关爱 矛盾调解 土地流转 专业合作社 增收致富 就业服务 职业培训 廉政教育
沪剧演出 文艺下乡 读书活动 老年学校 道路改造 农房翻建 汛期值守 安全检查 食品抽检 禁毒教育 消防培训 交通劝导
青少年教育 暑托班 妇女儿童 职工之家 团员青年 退役军人 双拥工作 民兵训练 征兵宣传 经济普查 基层治理 网格巡查
居民议事 业主委员会 物业服务 城中村改造 水环境治理 植树护绿 秸秆利用 农机作业 水稻种植 蔬菜供应 葡萄采摘 大闸蟹
水产养殖 农业观光 非物质文化遗产 民间艺术 传统节日 重阳敬老 迎新春 端午包粽 中秋联欢 元宵灯会 尊老爱幼 困难帮扶
结对共建 爱心超市 慈善捐助 无偿献血 应急救护 心肺复苏 预防接种 慢性病随访 免费体检 全民健身 排舞比赛 篮球联赛
乒乓球赛 围棋比赛 书画展览 摄影比赛 剪纸艺术 江南丝竹 科普讲座 生态保护 节约能源 绿色出行 减塑行动 截污纳管
供水改造 天然气入户 非机动车 群租房 违法建筑 市容环境 城市管理 联合执法 来信来访 党员示范岗 红色教育 两新党建
楼道自治 邻里互助 社区食堂 老年助餐 日托中心 长期护理 助残就业 阳光之家 再就业 新市民 外来人口 随迁子女
学前教育 家庭教育 创新创业 营商环境 项目签约 产业园区 转型升级 生态廊道 湿地保护 候鸟栖息 森林公园 农家客栈
民宿经济 古镇保护 江南水乡 历史街区 档案整理 镇志编纂 政策宣讲 理论学习 主题党日 先锋模范 廉洁自律 作风整顿
走访群众 民情恳谈 预算公示 财务审计 村委选举 换届工作 村规民约 好家风 好人榜 道德讲堂 五好家庭 见义勇为
人民调解员 法官进社区 普法宣传 隐患整改 安全培训 防火检查 应急演练 紧急疏散 社区卫生 计划生育 母婴健康
老年协会 文体团队 舞龙舞狮 腰鼓表演 合唱比赛 露天电影 图书流动 农家书屋 电脑课堂 一网通办 便民服务 社会保险
医疗保险 最低生活保障 临时救助 大病救助 物价监测 菜篮子 集贸市场 停车管理 公交线路 危桥改建 河长巡河 水质监测
林荫道 口袋公园 环卫作业 保洁考核 电梯加装 老旧小区 智慧社区 数字乡村 电商直播 特色农产品 品牌农业 冷链物流
医养结合 社区团购 快递驿站 充电桩 光伏发电 雨污分流 海绵城市 口腔健康 视力筛查 科学育儿
防范诈骗 反家暴 未成年人保护 校园安全 夜间巡逻 小区门岗 人口登记 房屋租赁 退休人员 老年大学
太极拳 门球赛 龙舟赛 灯谜会 评弹书场 田间课堂 稻田养虾 花卉苗木 生猪养殖 果蔬认证
农资供应 植保无人机 高标准农田 宅基地 村级组织 服务窗口 跑腿代办
""".split()
TAG_WEIGHTS = [1.0 / (k + 4) for k in range(len(TAGS))]  # a few big tags, a long tail

PLACES = ["新民村", "东风村", "红旗居民区", "友谊村", "团结村", "建设村", "向阳村", "和平居民区", "幸福村",
          "永安村", "民主村", "光明居民区", "兴旺村", "富民村", "育才居民区", "长寿村", "吉祥村", "振兴村"]
SUBJECTS = ["村民", "居民", "党员", "志愿者", "老党员", "网格员", "楼组长", "村干部", "居委会主任", "社区医生",
            "退休教师", "青年团员", "妇女主任", "民警", "驻村指导员", "企业职工", "农技人员"]
ACTIONS = ["组织开展了", "积极参与了", "深入推进了", "认真落实了", "集中开展了", "协助完成了", "精心筹备了",
           "持续跟进了", "逐户宣传了", "专题研究了", "联合举办了", "全面排查了"]
OBJECTS = ["消防安全培训", "组团式服务群众工作", "志愿服务积分兑换", "老年活动中心改造", "村内道路修缮", "土地流转签约",
           "法律咨询和心理疏导", "健康知识讲座", "廉政文艺汇演", "两新组织党建", "安全生产大检查", "人居环境整治",
           "中小河道疏浚", "垃圾分类入户宣传", "困难群众走访慰问", "防汛防台演练", "群租房专项整治", "村规民约修订",
           "社区助餐点建设"]
RESULTS = ["，得到了群众的普遍认可。", "，把问题解决在了家门口。", "，全镇的应急能力明显提升。", "，村民们纷纷点赞。",
           "，隐患得到及时发现和整改。", "，居民的业余生活更加丰富。", "，为下一阶段工作打好了基础。", "。",
           "，做到了情况清、底数明。", "，群众得到了看得见的实惠。", "，受到上级部门的肯定。"]
TIMES = ["近日，", "日前，", "本月初，", "上周，", "今年以来，", "入冬以来，", "节前，", "国庆期间，", "", "", ""]
QUOTES = ["“服务做到家门口，群众心里才踏实。”", "“小事不出村，大事不出镇。”", "“以前办事要跑好几趟，现在一次就办好了。”",
          "“这件事我们会一直盯下去。”", "“大家的事大家商量着办。”"]
SPEAKERS = ["党总支书记", "村委会主任", "志愿服务队队长", "社区卫生服务站站长"]
PEOPLE = ["村民", "居民", "志愿者", "党员", "老人", "中小学生", "职工"]
TITLE_ENDS = ["取得新进展", "扎实推进", "顺利完成", "广受好评", "成效明显", "见实效", "有温度", "迈出新步伐"]
CODES = [
    "```text\n项目          分值\n参加义诊      3\n结对帮扶      2\n楼道保洁      1\n```",
    "```yaml\n活动: 防汛演练\n地点: 村民广场\n参加人数: 80\n```",
]


def sentence(r, town):
    x = r.random()
    if x < 0.12:
        return r.choice(QUOTES) + r.choice(PLACES) + r.choice(SPEAKERS) + r.choice(NAMES) + "说。"
    if x < 0.25:
        return f"共有{r.randint(12, 480)}名{r.choice(PEOPLE)}参加了活动" + r.choice(RESULTS)
    return r.choice(TIMES) + town + r.choice(PLACES) + r.choice(SUBJECTS) + r.choice(ACTIONS) + r.choice(OBJECTS) \
        + r.choice(RESULTS)


def paragraph(r, town):
    """80-300 characters of sentences; 30 % hard-wrapped between characters like a print column."""
    text, goal = "", r.randint(80, 300)
    while len(text) < goal:
        s = sentence(r, town)
        if len(text) >= 80 and len(text) + len(s) > 300:
            break
        text += s
    if r.random() < 0.3:
        width = r.randint(18, 40)
        text = "\n".join(text[k:k + width] for k in range(0, len(text), width))
    return text


def make_article(seed, i, n):
    r = random.Random(f"jianbao-bench:{seed}:{i}")
    district, dslug, towns_of = DISTRICTS[r.randrange(len(DISTRICTS))]
    towns = r.sample(towns_of, r.randint(1, 2))
    year, month, day = r.randint(2012, 2014), r.randint(1, 12), r.randint(1, 28)
    tags = []
    want = r.randint(1, 4)
    while len(tags) < want:
        t = r.choices(TAGS, TAG_WEIGHTS)[0]
        if t not in tags:
            tags.append(t)
    blocks = [paragraph(r, towns[0]), "MORE"]
    for _ in range(r.randint(2, 11)):
        x = r.random()
        if x < 0.08:
            blocks.append("## " + r.choice(OBJECTS))
        elif x < 0.13:
            blocks.append("\n".join("- " + sentence(r, towns[-1]) for _ in range(r.randint(2, 5))))
        elif x < 0.17:
            blocks.append("> " + sentence(r, towns[-1]))
        elif x < 0.19:
            blocks.append(r.choice(CODES))
        blocks.append(paragraph(r, towns[-1]))
    link = None
    if n > 1 and r.random() < 0.3:
        link = r.randrange(n - 1)
        link += link >= i  # never itself
    return {
        "i": i, "slug": f"a{i:06d}", "year": year, "month": month, "date": f"{year:04d}-{month:02d}-{day:02d}",
        "title": towns[0] + r.choice(OBJECTS) + r.choice(TITLE_ENDS), "district": district, "dslug": dslug,
        "towns": towns, "tags": tags, "kind": r.choice(KINDS),
        "column": r.choice(COLUMNS) if r.random() < 0.4 else None,
        "byline": [(r.choice(ROLES), r.choice(NAMES)) for _ in range(r.randint(1, 2))],
        "blocks": blocks, "link": link, "relative": r.random() < 0.5,
    }


def flow(xs):
    return "[" + ", ".join(xs) + "]"


def byline(a):
    return "[" + ", ".join(f"{{ role: {role}, name: {name} }}" for role, name in a["byline"]) + "]"


def body(a, more, link_text):
    text = "\n\n".join(more if b == "MORE" else b for b in a["blocks"])
    if link_text:
        text += "\n\n" + link_text
    return text + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def jianbao_site(out, arts, seed):
    districts = "\n".join(f"  {name}: {{ slug: {slug}, towns: {flow(towns)} }}" for name, slug, towns in DISTRICTS)
    write(out / "site.yaml", f"# bench/corpus.py --articles {len(arts)} --seed {seed} --flavor jianbao\n"
          "title: 基准简报\nbase_url: https://bench.example.org/\nlanguage: zh-CN\ntheme: default\n"
          f"paginate: 20\nfeed_limit: 20\ndistricts:\n{districts}\n")
    for a in arts:
        fm = [f"title: {a['title']}", f"date: {a['date']}", f"district: {a['district']}", f"towns: {flow(a['towns'])}"]
        if a["column"]:
            fm.append(f"column: {a['column']}")
        fm += [f"kind: {a['kind']}", f"tags: {flow(a['tags'])}", f"byline: {byline(a)}"]
        link = None
        if a["link"] is not None:
            t = arts[a["link"]]
            target = (f"../../{t['year']:04d}/{t['month']:02d}/{t['slug']}.md" if a["relative"]
                      else f"/{t['year']:04d}/{t['month']:02d}/{t['slug']}.md")
            link = f"另见[{t['title']}]({target})。"
        write(out / f"content/{a['year']:04d}/{a['month']:02d}/{a['slug']}.md",
              "---\n" + "\n".join(fm) + "\n---\n" + body(a, "<!-- more -->", link))


# Hugo (written against Debian's 0.111; plain Go templates, nothing version-specific).
ITEM = ('<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time>\n'
        '{{ range .GetTerms "districts" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}\n'
        '{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a> {{ end }}\n'
        '<div class="summary">{{ .Summary }}</div></li>\n')
HUGO_LAYOUTS = {
    "_default/baseof.html":
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>\n'
        '<link rel="alternate" type="application/rss+xml" href="{{ "index.xml" | absURL }}"></head>\n'
        '<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> <nav>'
        '<a href="{{ "/tags/" | relURL }}">标签</a> <a href="{{ "/districts/" | relURL }}">各区</a> '
        '<a href="{{ "/columns/" | relURL }}">栏目</a></nav></header>\n'
        '<main>{{ block "main" . }}{{ end }}</main>\n<footer>{{ .Site.Title }}</footer></body></html>\n',
    "_default/single.html":
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>\n'
        '{{ range .GetTerms "columns" }}<p class="column"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}\n'
        '<p class="byline">{{ range .Params.byline }}{{ .role }} {{ .name }} {{ end }}</p>\n'
        '<p class="meta"><time>{{ .Date.Format "2006-01-02" }}</time>\n'
        '{{ range .GetTerms "districts" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}\n'
        '{{ delimit .Params.towns " " }} <span class="kind">{{ .Params.newskind }}</span></p>\n'
        '<div class="body">{{ .Content }}</div>\n'
        '<ul class="tags">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>'
        '{{ end }}</ul></article>{{ end }}\n',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}' + ITEM + '{{ end }}</ul>{{ end }}\n',
    "_default/taxonomy.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}\n',
    "_default/term.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}' + ITEM + '{{ end }}</ul>{{ end }}\n',
    "index.html":
        '{{ define "main" }}{{ $p := .Paginate .Site.RegularPages }}<ul>{{ range $p.Pages }}' + ITEM + '{{ end }}</ul>\n'
        '<nav>{{ with $p.Prev }}<a href="{{ .URL }}">上一页</a>{{ end }} {{ $p.PageNumber }}/{{ $p.TotalPages }} '
        '{{ with $p.Next }}<a href="{{ .URL }}">下一页</a>{{ end }}</nav>{{ end }}\n',
    "404.html": '{{ define "main" }}<h1>找不到页面</h1>{{ end }}\n',
}
HUGO_CONFIG = """baseURL: https://bench.example.org/
title: 基准简报
languageCode: zh-CN
hasCJKLanguage: true
paginate: 20
rssLimit: 20
enableRobotsTXT: true
disableKinds: [section]
permalinks:
  posts: /:year/:month/:filename/
taxonomies:
  tag: tags
  district: districts
  column: columns
outputs:
  home: [HTML, RSS]
  page: [HTML]
  taxonomy: [HTML]
  term: [HTML]
markup:
  highlight:
    codeFences: false
"""


def hugo_site(out, arts, seed):
    write(out / "config.yaml", f"# bench/corpus.py --articles {len(arts)} --seed {seed} --flavor hugo\n" + HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(out / "layouts" / name, text)
    for a in arts:
        fm = [f"title: {a['title']}", f"date: {a['date']}", f"districts: [{a['district']}]", f"towns: {flow(a['towns'])}"]
        if a["column"]:
            fm.append(f"columns: [{a['column']}]")
        fm += [f"newskind: {a['kind']}", f"tags: {flow(a['tags'])}", f"byline: {byline(a)}"]
        link = None
        if a["link"] is not None:
            t = arts[a["link"]]
            link = f"另见[{t['title']}](/{t['year']:04d}/{t['month']:02d}/{t['slug']}/)。"
        write(out / f"content/posts/{a['slug']}.md", "---\n" + "\n".join(fm) + "\n---\n" + body(a, "<!--more-->", link))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, required=True, metavar="N")
    ap.add_argument("--seed", type=int, default=2013, metavar="S")
    ap.add_argument("--flavor", choices=["jianbao", "hugo"], required=True)
    ap.add_argument("--out", type=Path, required=True, metavar="DIR",
                    help="created; if it exists it must be empty or an earlier corpus (then it is wiped)")
    args = ap.parse_args()
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    if args.out.exists():
        if (args.out / MARKER).exists():
            shutil.rmtree(args.out)
        elif any(args.out.iterdir()):
            sys.exit(f"corpus.py: {args.out} is not empty and is not a corpus written by corpus.py; not touching it")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / MARKER).write_text("written by bench/corpus.py\n")
    arts = [make_article(args.seed, i, args.articles) for i in range(args.articles)]
    (jianbao_site if args.flavor == "jianbao" else hugo_site)(args.out, arts, args.seed)
    tags = len({t for a in arts for t in a["tags"]})
    districts = len({a["district"] for a in arts})
    columns = len({a["column"] for a in arts if a["column"]})
    print(f"corpus.py: {args.flavor}, {len(arts)} articles in {args.out} (seed {args.seed}); "
          f"{tags} tags, {districts} districts, {columns} columns used; {math.ceil(len(arts) / 20)} home pages")


if __name__ == "__main__":
    main()
