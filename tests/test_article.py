"""Article understanding: formats, encodings, headings, boilerplate, speakers, sentences."""

import json
import re
import unicodedata

import opencc
import pytest

from companion.article import parse_article, read_article
from companion.article.outline import outline
from companion.article.sentences import split_sentences
from helpers import companion

CHAPTERS = ["从收音机到修复工作室", "修复一段录音需要什么", "机器学习与未来"]


FORMATS = {"txt": "text", "md": "markdown", "html": "html"}


def structure(article):
    return [(c.title, [(p.speakers, [s.text for s in p.sentences]) for p in c.paragraphs]) for c in article.chapters]


def test_example_txt_structure(examples):
    a = read_article(str(examples / "episode.zh.txt"))
    assert a.title == "修复旧录音的人：Lena Park谈声音、耐心与机器学习"
    assert [c.title for c in a.chapters] == CHAPTERS
    assert len(a.lead) == 1 and a.lead[0].text.startswith("在本期")
    speakers = {s.speaker for p in a.paragraphs for s in p.sentences}
    assert speakers >= {"主持人", "Lena"}
    reasons = {s.reason for s in a.skipped}
    assert {"community boilerplate", "QR-code or group invitation", "recommendation list"} <= reasons
    body = "".join(p.text for p in a.paragraphs)
    for junk in ("声波实验室", "长按", "二维码", "相关推荐", "播客剪辑入门", "转载自"):
        assert junk not in body


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_same_structure_in_every_format(examples, suffix):
    plain = read_article(str(examples / "episode.zh.txt"))
    other = read_article(str(examples / f"episode.zh.{suffix}"))
    assert other.title == plain.title
    assert structure(other) == structure(plain)
    assert [p.text for p in other.lead] == [p.text for p in plain.lead]


def test_gb18030_bom_and_crlf(examples, tmp_path):
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    plain = read_article(str(examples / "episode.zh.txt"))
    for name, data, encoding in [("gb.txt", text.encode("gb18030"), "gb18030"),
                                 ("bom.txt", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), "utf-8")]:
        (tmp_path / name).write_bytes(data)
        got = read_article(str(tmp_path / name))
        assert got.encoding == encoding
        assert structure(got) == structure(plain)


def test_traditional_characters(examples):
    text = opencc.OpenCC("s2t").convert((examples / "episode.zh.txt").read_text(encoding="utf-8"))
    a = parse_article(text)
    assert len(a.chapters) == 3
    assert {s.speaker for p in a.paragraphs for s in p.sentences} >= {"主持人", "Lena"}
    assert not any("二維碼" in p.text for p in a.paragraphs)


def test_mid_paragraph_speaker_label_splits_turns(examples):
    a = read_article(str(examples / "episode.zh.txt"))
    p = a.chapters[1].paragraphs[2]
    assert [s.speaker for s in p.sentences] == ["主持人", "主持人", "Lena", "Lena", "Lena"]
    assert "Lena：" not in p.text and not p.text.startswith("主持人")


@pytest.mark.parametrize("name", ["José", "Zoë", "Émile Zola", "Łukasz", "Søren"])
def test_a_speaker_whose_name_has_accented_letters_is_a_speaker(name):
    """`José：` is a label as `Jose：` is: it moves into `speaker`, out of the text."""
    text = f"# 访谈\n\n## 第一部分\n\n{name}：我们开始吧。\n\n主持人：好的，谢谢你。\n"
    first = parse_article(text, fmt="markdown").paragraphs[0].sentences[0]
    assert (first.speaker, first.text) == (name, "我们开始吧。")


@pytest.mark.parametrize("line", ["Émile: Thank you for having me.", "José Ramírez: Thank you for having me."])
def test_an_english_speaker_label_with_accented_letters_names_the_speaker(line, tmp_path):
    from companion.transcript.untimed import read_english_text

    path = tmp_path / "english.txt"
    path.write_text(line + "\n", encoding="utf-8")
    assert read_english_text(str(path))[0].speaker == line.split(":")[0]


def test_labels_removed_and_text_rebuilt(examples):
    raw = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    a = read_article(str(examples / "episode.zh.txt"))
    for p in a.paragraphs:
        assert "".join(s.text for s in p.sentences) == p.text
        assert p.text.replace("主持人：", "") in raw.replace("主持人：", "").replace("Lena：", "") or p.index == 0


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_headings_pasted_with_tabs_and_wide_spaces_become_titles_with_single_spaces(fmt):
    """Chapter titles go to players and apps as they are: a tab or a run of full-width or no-break spaces copied
    from a web page reads as one space there."""
    mark = "## " if fmt == "markdown" else ""
    text = (f"{mark[1:]}访谈\u3000\u3000全文\n\n{mark}一、\t开场\n\n我们开始吧。今天聊声音。\n\n"
            f"{mark}二、 \xa0 结尾  [完]\n\n谢谢大家。再见。")
    a = parse_article(text, fmt=fmt)
    assert a.title == "访谈 全文"
    assert [c.title for c in a.chapters] == ["一、 开场", "二、 结尾 [完]"]


def test_one_turn_pasted_a_cue_per_line_into_an_article_is_a_paragraph_not_a_run_of_headings(examples):
    """Seven unpunctuated lines under `Lena：` (subtitles pasted into an otherwise written article) were read as
    headings: six skipped as heading nothing, the last a chapter. A credits block, a label on every line, is not
    a turn."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    turn = "Lena：一切始于我祖父的收音机。我十二岁的时候，他给了我一盒他在二十世纪六十年代录制的磁带。"
    lines = ["Lena：一切始于我祖父的收音机", "我十二岁的时候", "他给了我一盒他在二十世纪六十年代录制的磁带",
             "大部分都已经损坏了", "你能听到人声", "但它们被埋在嘶嘶声和咔哒声下面", "我想知道那些人在说什么"]
    paragraph = next(line for line in text.splitlines() if line.startswith(turn))
    a = parse_article(text.replace(paragraph, "\n".join(lines)))
    assert [c.title for c in a.chapters] == CHAPTERS and not any("heading" in s.reason for s in a.skipped)
    pasted = next(p for p in a.paragraphs if "祖父" in p.text)
    assert {s.speaker for s in pasted.sentences} == {"Lena"}
    assert "".join(s.text for s in pasted.sentences).replace(" ", "") == "".join(lines)[len("Lena："):]
    credits = parse_article(text.replace(paragraph, "主持：Sam Rivera\n嘉宾：Lena Park\n剪辑：小林\n\n" + paragraph))
    assert "主持：Sam Rivera" not in "".join(p.text for p in credits.paragraphs)


@pytest.mark.parametrize("caption", ["▲ Lena Park在她的工作室", "[图片]", "图：修复前的磁带", "（图片来自网络）", "图1 | 烘烤磁带"])
def test_an_image_caption_under_a_heading_is_no_heading_of_its_own(examples, caption):
    """Pasted from a web page, a picture leaves its caption (or a placeholder) on a line of its own. Read as a
    heading, it took the chapter and left the real heading above it heading nothing."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    a = parse_article(text.replace("修复一段录音需要什么\n", f"修复一段录音需要什么\n\n{caption}\n", 1))
    assert [c.title for c in a.chapters] == CHAPTERS
    assert [s.reason for s in a.skipped if s.text == caption] == ["image or its caption"]
    said = parse_article("标题\n\n第一节\n\n图灵测试是什么？我们今天就聊这个。\n\n图：这是一张图。")
    assert "图灵测试是什么？" in said.paragraphs[0].text


def test_html_text_keeps_its_place_beside_block_children_and_is_read_once():
    """WeChat pages put text straight into a <section> beside <p> children: it once went before all of them, text in a
    <span> around a <p> was read twice, and a comment's words were read as the article's."""
    page = ("<h1>灯塔</h1><section>开场白，先说两句。<p>主持人：第一段。</p>结尾的话。</section>"
            "<div><span><p>只出现一次。</p></span><!-- 不是正文 --><p>最后一段。</p></div>"
            "<figure><img src='a.jpg'><figcaption>图片说明</figcaption></figure>")
    a = parse_article(page, fmt="html")
    assert [s.text for p in a.paragraphs for s in p.sentences] == [
        "开场白，先说两句。", "第一段。", "结尾的话。", "只出现一次。", "最后一段。"]
    deep = parse_article("<div>" * 5000 + "<p>主持人：你好。</p>" + "</div>" * 5000, fmt="html")  # no recursion
    assert [(s.speaker, s.text) for p in deep.paragraphs for s in p.sentences] == [("主持人", "你好。")]


def test_a_short_turn_without_its_question_mark_is_a_turn_and_a_list_of_credits_no_chapter(examples):
    """`主持人：所以你是自学的` with its `？` left off became a chapter; credits listed under the title (`主持：…` /
    `嘉宾：…` / `剪辑：…`) made their last line a chapter over the lead-in, which was then aligned as the body."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    a = parse_article(text.replace("主持人：所以你是自学的？", "主持人：所以你是自学的"))
    assert [c.title for c in a.chapters] == CHAPTERS
    assert ("主持人", "所以你是自学的") in [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences]
    lead = "在本期《The Long Signal》中"
    credits = "主持：Sam Rivera\n嘉宾：Lena Park\n剪辑：小林\n\n"
    for listed in (credits, credits.replace("剪辑：小林\n", "")):
        b = parse_article(text.replace(lead, listed + lead, 1))
        assert [c.title for c in b.chapters] == CHAPTERS and b.lead[0].text.startswith(lead)
        assert {s.text for s in b.skipped} >= {"主持：Sam Rivera", "嘉宾：Lena Park"}


def test_prose_colon_is_not_a_speaker():
    a = parse_article("标题\n\n第一节\n\n时间是：2003年。他说：我们开始吧。\n\n问：你好吗？答：很好。")
    sentences = [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences]
    assert sentences[0] == (None, "时间是：2003年。")
    assert (None, "他说：我们开始吧。") in sentences
    assert ("问", "你好吗？") in sentences and ("答", "很好。") in sentences


def test_a_label_opening_a_wrapped_line_of_a_markdown_paragraph_takes_nothing_of_the_line_before():
    """Markdown joins a paragraph's lines; a turn that opens a line is still a turn, and the line before
    keeps its last characters (once `音` + `主持人：声` became the speaker `音主持人`)."""
    a = parse_article("# 标题\n\n好的，我们开始吧\n主持人：欢迎收听。\n嘉宾：谢谢。\n\n音\n主持人：声\n", fmt="markdown")
    sentences = [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences]
    assert sentences == [(None, "好的，我们开始吧"), ("主持人", "欢迎收听。"), ("嘉宾", "谢谢。"), (None, "音"), ("主持人", "声")]


@pytest.mark.parametrize("text, expected", [
    ("我用GPT-3.5和2.5倍的数据。他去了U.S.然后回来了！", ["我用GPT-3.5和2.5倍的数据。", "他去了U.S.然后回来了！"]),
    ("真的吗?是的. 好", ["真的吗?", "是的.", " 好"]),
    ("米斯.范.德罗的作品。迈克尔.乔丹说.“好.”\n好", ["米斯.范.德罗的作品。", "迈克尔.乔丹说.“好.”", "\n好"]),
    ("这是第二课时.今天我们聊MVC.然后写代码.", ["这是第二课时.今天我们聊MVC.然后写代码."]),
    ("调用Operation.xx吗？用.large就行", ["调用Operation.xx吗？", "用.large就行"]),
    ("走了;对;x;y", ["走了;", "对;x;y"]),
    ("是什么类型呢?Double类型。如果值!=nil就返回!x?y:z吗?3个", ["是什么类型呢?", "Double类型。", "如果值!=nil就返回!",
                                                         "x?y:z吗?", "3个"]),
    ("第一句｡第二句．第三句． 第四句", ["第一句｡", "第二句．第三句．", " 第四句"]),
    ("他说：“你好。”然后……走了；对", ["他说：“你好。”", "然后……", "走了；", "对"]),
    ("论文“Attention Is All You Need! Really.”发表了。e.g. 这个", ["论文“Attention Is All You Need! Really.”发表了。", "e.g. 这个"]),
    ("《Who Am I?》是一部电影。", ["《Who Am I?》是一部电影。"]),
    ("上节课我们讲了流 所以 今天讲延时求值 好的", ["上节课我们讲了流", " 所以 今天讲延时求值", " 好的"]),
    ("大家好啊朋友们 我是李明 好", ["大家好啊朋友们", " 我是李明 好"]),
    ("这是 一个例子。我用 Swift 写代码。", ["这是 一个例子。", "我用 Swift 写代码。"]),
    ("《星际 穿越》很好看 我看了三遍", ["《星际 穿越》很好看", " 我看了三遍"]),
])
def test_sentence_split(text, expected):
    assert split_sentences(text) == expected


def test_long_line_is_never_a_heading():
    long_line = "这是一个很长的句子没有任何标点符号但是它确实是正文的一部分而不是标题因为它实在太长了不可能是标题"
    a = parse_article(f"标题\n\n小节\n\n{long_line}\n\n另一段。")
    assert [c.title for c in a.chapters] == ["小节"]
    assert a.chapters[0].paragraphs[0].text == long_line


def fill(text: str, width: int, measure) -> str:
    """Hard-wrap every line of `text` as an editor's fill command does: as many characters (or
    English words) per line as fit in `width`, measured by `measure`."""
    out = []
    for line in text.split("\n"):
        rows, row = [], ""
        for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9'.,:;!?%-]*\s?|\s|.", line):
            if row and measure((row + token).rstrip()) > width:
                rows.append(row.rstrip())
                row = token.lstrip()
            else:
                row += token
        out.append("\n".join(rows + [row.rstrip()]) if line.strip() else "")
    return "\n".join(out)


def wide(text: str) -> int:
    """Columns in a fixed-width font: two for a Chinese character or mark."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@pytest.mark.parametrize("width,measure", [(20, len), (28, len), (40, wide), (64, wide)])
def test_hard_wrapped_plain_text_reads_as_the_unwrapped_article(examples, width, measure):
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    wrapped = fill(text, width, measure)
    assert max(map(measure, wrapped.split("\n"))) <= width < max(map(measure, text.split("\n")))
    plain, article = parse_article(text), parse_article(wrapped)
    assert article.title == plain.title
    assert structure(article) == structure(plain)
    assert [p.text for p in article.lead] == [p.text for p in plain.lead]
    assert [s.text for s in article.skipped] == [s.text for s in plain.skipped]
    unit = "characters" if measure is len else "columns"
    assert (plain.reading, article.reading) == ([], [
        f"the article is hard-wrapped at {width} {unit}: its lines were joined back into paragraphs"])


def test_a_heading_with_no_paragraph_under_it_is_named_as_skipped():
    a = parse_article("标题\n\n上篇\n\n第一节\n\n主持人：欢迎。\n\n附录")
    assert [c.title for c in a.chapters] == ["第一节"]
    assert [(s.text, s.reason) for s in a.skipped] == [("上篇", "heading with no paragraph under it"),
                                                       ("附录", "heading with no paragraph under it")]


@pytest.mark.parametrize("number, joined", [("第一章", "第一章 从收音机到修复工作室"), ("三、", "三、从收音机到修复工作室"),
                                            ("Part One:", "Part One: 从收音机到修复工作室")])
def test_a_heading_that_is_only_its_number_takes_the_title_on_the_line_after_it(number, joined):
    """`第一章` over `从收音机到修复工作室` is one chapter; the number alone headed nothing and was skipped."""
    for gap in ("\n", "\n\n"):
        a = parse_article(f"标题\n\n{number}{gap}从收音机到修复工作室\n\n主持人：欢迎。\n\n第二章{gap}工作室\n\n嘉宾：谢谢。")
        assert [c.title for c in a.chapters] == [joined, "第二章 工作室"] and a.skipped == []
    md = parse_article(f"# 标题\n\n## {number}\n\n## 从收音机到修复工作室\n\n主持人：欢迎。", fmt="markdown")
    assert [c.title for c in md.chapters] == [joined]


def test_a_table_of_contents_of_bare_numbers_and_a_heading_of_another_level_stay_apart():
    a = parse_article("标题\n\n第一章\n第二章\n第三章\n\n上篇\n\n主持人：欢迎。")
    assert [c.title for c in a.chapters] == ["上篇"]
    assert [s.text for s in a.skipped] == ["第一章", "第二章", "第三章"]
    md = parse_article("# 标题\n\n# 第一部分\n\n## 开场\n\n主持人：欢迎。", fmt="markdown")
    assert [c.title for c in md.chapters] == ["开场"]


def test_subtitle_cues_pasted_one_per_line_are_turns_of_text_not_headings():
    host = ["主持人：欢迎回来", "今天我们聊聊声音", "你好", "我们从哪里开始呢？", "先说说你的童年吧"]
    guest = ["Lena：谢谢", "很高兴来到这里", "我小时候", "家里有一台旧收音机", "我每天都听", "后来它坏了"]
    a = parse_article("访谈\n\n" + "\n".join(host + guest) + "\n\n相关推荐\n\n旧磁带的故事\n")
    assert a.title == "访谈"
    assert [(s.text, s.reason) for s in a.skipped] == [("相关推荐", "recommendation list"), ("旧磁带的故事", "recommendation list")]
    (first, second), = [c.paragraphs for c in a.chapters]
    assert [(s.speaker, s.text) for s in first.sentences] == [
        ("主持人", "欢迎回来 今天我们聊聊声音"), ("主持人", " 你好 我们从哪里开始呢？"), ("主持人", "先说说你的童年吧")]
    assert [(s.speaker, s.text) for s in second.sentences] == [
        ("Lena", "谢谢 很高兴来到这里"), ("Lena", " 我小时候 家里有一台旧收音机"), ("Lena", " 我每天都听"), ("Lena", " 后来它坏了")]
    assert a.reading == ["the article is subtitle text pasted one cue per line (11 lines, read as 2 paragraphs): "
                         "a sentence may start at any line"]


def test_a_long_turn_of_pasted_cues_reads_in_paragraphs_that_end_sentences():
    lines = ["主持人：今天我们聊一聊老磁带", *[f"第{i}盒磁带已经放了很多年" + ("。" if i % 5 == 0 else "") for i in range(1, 40)]]
    a = parse_article("访谈\n\n" + "\n".join(lines) + "\n")
    assert len(a.paragraphs) == 3
    assert all(s.speaker == "主持人" for p in a.paragraphs for s in p.sentences)
    assert all(p.text.endswith("。") for p in a.paragraphs[:-1])
    assert all(len(p.text) <= 300 for p in a.paragraphs)
    assert "".join(p.text for p in a.paragraphs).replace(" ", "") == "".join(lines)[4:]


def test_pasted_cues_with_no_title_keep_their_first_line_as_text():
    lines = ["我想给大家讲一个故事", "关于一座灯塔", "它在海边站了一百年", *[f"第{i}年 风暴又来了" for i in range(1, 10)]]
    a = parse_article("\n".join(lines) + "\n")
    assert a.title == ""
    assert a.paragraphs[0].sentences[0].text == "我想给大家讲一个故事"
    assert "".join(p.text for p in a.paragraphs).replace(" ", "") == "".join(lines).replace(" ", "")


def test_inspect_names_a_chapter_with_no_heading_as_such():
    lines = ["我想给大家讲一个故事", "关于一座灯塔", "它在海边站了一百年", *[f"第{i}年 风暴又来了" for i in range(1, 10)]]
    assert "1. (no heading)" in companion("inspect", "-", input="\n".join(lines) + "\n").stdout


def test_pasted_cues_read_alike_in_plain_text_markdown_and_html():
    lines = ["我想给大家讲一个故事", "关于一座灯塔", "它在海边站了一百年", *[f"第{i}年 风暴又来了" for i in range(1, 10)]]
    plain = parse_article("灯塔\n\n" + "\n".join(lines) + "\n")
    markdown = parse_article("# 灯塔\n\n" + "\n".join(lines) + "\n", fmt="markdown")
    html = parse_article("<h1>灯塔</h1><p>" + "<br>".join(lines) + "</p>", fmt="html")
    assert len(plain.paragraphs[0].sentences) == 12
    for other in (markdown, html):
        assert [s.text for s in other.paragraphs[0].sentences] == [s.text for s in plain.paragraphs[0].sentences]


def test_a_copied_answers_footer_and_a_copyright_notice_are_boilerplate_but_a_sentence_on_copyright_is_speech():
    """Text copied from Zhihu ends with its author, link, source and copyright; articles open or close with a
    copyright notice. The link line and the notice were aligned as paragraphs and shown as subtitles."""
    a = parse_article("访谈\n\n本文为原创文章，版权归作者所有，未经授权不得转载。\n\n开场\n\n主持人：欢迎。\n\n"
                      "嘉宾：这本书的版权归出版社所有。\n\n作者：李明\n链接：https://www.zhihu.com/question/1/answer/2\n"
                      "来源：知乎\n著作权归作者所有。商业转载请联系作者获得授权，非商业转载请注明出处。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎。"), ("嘉宾", "这本书的版权归出版社所有。")]
    assert [s.reason for s in a.skipped] == ["copyright notice", "source or credit line", "source or credit line",
                                            "source or credit line", "copyright notice"]
    b = parse_article("访谈\n\n开场\n\n主持人：欢迎。\n\n嘉宾：谢谢。\n\n版权所有，转载请注明出处。")  # with nothing before it
    assert [p.text for p in b.paragraphs] == ["欢迎。", "谢谢。"]
    assert [(s.reason, s.text) for s in b.skipped] == [("copyright notice", "版权所有，转载请注明出处。")]
    c = parse_article("演讲\n\n第一部分\n\n音乐属于每个人。\n\n但版权归创作者所有。谢谢。")  # a talk's last words
    assert [p.text for p in c.paragraphs] == ["音乐属于每个人。", "但版权归创作者所有。谢谢。"] and c.skipped == []


def test_a_closing_list_of_short_lines_stays_boilerplate():
    titles = [f"第{i}期 声音的历史" for i in range(1, 13)]
    a = parse_article("访谈\n\n第一部分\n\n主持人：你好，欢迎来到节目。\n相关推荐\n" + "\n".join(titles) + "\n")
    assert [p.text for p in a.paragraphs] == ["你好，欢迎来到节目。"]
    assert [s.text for s in a.skipped] == ["相关推荐", *titles]


def test_calls_to_action_run_into_a_paragraph_are_taken_out_of_it():
    """A WeChat link at a paragraph's end and a follow prompt at its start are the page's words, not the episode's:
    they leave the paragraph (and so the alignment and the subtitles) and are listed as skipped."""
    a = parse_article("# 访谈\n\n## 第一部分\n\n点击上方蓝字关注我们。主持人：你好，欢迎来到节目。\n\n"
                      "Lena：谢谢你，Sam。[点击阅读原文](https://example.com/a)\n", fmt="markdown")
    assert [[s.text for s in p.sentences] for p in a.paragraphs] == [["你好，欢迎来到节目。"], ["谢谢你，Sam。"]]
    assert [(s.reason, s.text) for s in a.skipped] == [("call to action", "点击上方蓝字关注我们。"),
                                                       ("call to action", "点击阅读原文")]


def test_a_hosts_spoken_invitation_to_follow_stays_in_the_paragraph():
    """"Follow us and leave a like" is said on air: only words of the page itself (阅读原文, 蓝字, 二维码) are taken out."""
    a = parse_article("访谈\n\n第一部分\n\n主持人：今天就到这里。欢迎关注我们的节目，记得点赞。\n")
    assert [s.text for s in a.paragraphs[0].sentences] == ["今天就到这里。", "欢迎关注我们的节目，记得点赞。"]
    assert a.skipped == []


STAMPS_NOTE = ("the article has 15 timestamps beside its speakers, paragraphs or headings: taken out of the text (they "
               "are times of the recording it was made from: checked, not used for timing)")


@pytest.mark.parametrize("stamped", [
    r"\1 (00:0\2:15)：",  # Lex Fridman (00:01:15): in the style of podcast transcripts
    r"[00:0\2:15] \1：",
    r"\1：[00:0\2:15] ",
    r"(0\2:15) \1：",
    r"\1 00:0\2:15\n",  # the speaker and the time on a line of their own, the turn below
    r"00:0\2:15\n\1：",
])
def test_timestamps_beside_speakers_are_taken_out(examples, stamped):
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    minutes = iter(range(1, 10**6))
    with_stamps = re.sub(r"^(主持人|Lena)：", lambda m: m.expand(stamped.replace("\\2", str(next(minutes) % 10))),
                         text, flags=re.M)
    assert with_stamps.count(":15") == len(re.findall(r"^(主持人|Lena)：", text, flags=re.M)) == 15
    plain, article = parse_article(text), parse_article(with_stamps)
    assert structure(article) == structure(plain)
    stamps = [s.text for s in article.skipped if s.reason == "timestamp"]
    assert len(stamps) == 15 and all(":15" in stamp for stamp in stamps)  # each stamp is named as taken out
    assert [s for s in article.skipped if s.reason != "timestamp"] == plain.skipped
    assert (plain.reading, article.reading) == ([], [STAMPS_NOTE])
    assert [p.stamp for p in article.paragraphs if p.stamp is not None] == [k % 10 * 60 + 15 for k in range(1, 16)]


@pytest.mark.parametrize("fmt, label, over", [
    ("txt", r"^(主持人|Lena)：", r"\1\n"),  # the name on a line of its own, the turn right below
    ("txt", r"^(主持人|Lena)：", r"\1\n\n"),  # with a blank line between
    ("txt", r"^(主持人|Lena)：", r"\1：\n"),  # the label over its text (its turn was read empty, the text unlabelled)
    ("txt", r"^(主持人|Lena)：", r"【\1】"),  # in brackets
    ("txt", r"^(主持人|Lena)：", r"[\1]："),
    ("txt", r"^(主持人|Lena)：", r"——\1："),  # an interview's dash before the label
    ("txt", r"^(主持人|Lena)：", r"**\1**："),  # Markdown's bold marks pasted into plain text (they reached subtitles)
    ("md", r"^(主持人|Lena)：", r"**\1**\n"),
    ("md", r"^(主持人|Lena)：", r"\1\n"),
    ("html", r"<strong>(主持人|Lena)：</strong></span>", r"<strong>\1</strong></span><br>"),
])
def test_a_speakers_name_over_the_turn_or_in_brackets_is_a_label(examples, fmt, label, over):
    """Transcripts put the name on a line over the turn (`Lena` / `谢谢你的邀请…`, `**Lena**` in Markdown) or in
    brackets (`【主持人】`): each line was a chapter, or the name ran into the turn (`Lena谢谢…`)."""
    text = (examples / f"episode.zh.{fmt}").read_text(encoding="utf-8")
    named = re.sub(label, over, text, flags=re.M)
    assert named != text
    plain, article = parse_article(text, fmt=FORMATS[fmt]), parse_article(named, fmt=FORMATS[fmt])
    assert structure(article) == structure(plain) and article.skipped == plain.skipped


def test_a_chinese_rendering_of_a_foreign_name_is_a_label_the_first_time():
    """`萨姆·奥特曼：` has more than five characters, and the middle dot says it is a name: once is enough."""
    a = parse_article("标题\n\n第一部分\n\n萨姆·奥特曼：欢迎。\n\n伊尔亚·苏茨克维：谢谢。萨姆·奥特曼：好。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("萨姆·奥特曼", "欢迎。"), ("伊尔亚·苏茨克维", "谢谢。"), ("萨姆·奥特曼", "好。")]


def test_a_name_with_its_role_is_one_label_as_written():
    """`主持人 Sam：` and `Lex Fridman（主持人）：` were no labels (a name is Latin or Chinese, not both); a question put
    to a program (`问ChatGPT：`) stays text."""
    a = parse_article("标题\n\n第一部分\n\n主持人 Sam：欢迎。\n\n嘉宾Lena Park：谢谢。\n\nLex Fridman（主持人）：好的。"
                      "\n\nIlya (嘉宾)：再见。\n\n问ChatGPT：你是谁？")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人 Sam", "欢迎。"), ("嘉宾Lena Park", "谢谢。"), ("Lex Fridman（主持人）", "好的。"), ("Ilya (嘉宾)", "再见。"),
        (None, "问ChatGPT：你是谁？")]


def test_a_name_alone_over_a_paragraph_is_a_label_only_where_the_article_puts_names_so():
    """A Latin word over a paragraph is a chapter (`Python`) unless names over turns repeat; a Chinese name needs two
    such lines, and a bracketed word that is no name (`【重点】`, `[Music]`) stays text."""
    a = parse_article("标题\n\nPython\n\n这是一种语言。\n\n小林\n你好。\n\n结语\n\n谢谢。")
    assert [c.title for c in a.chapters] == ["Python", "小林", "结语"]
    b = parse_article("标题\n\nSam\n欢迎。\n\nLena\n谢谢。\n\nSam\n你好吗？\n\n【重点】很好。\n\n[Music]好的。")
    assert [(s.speaker, s.text) for p in b.paragraphs for s in p.sentences] == [
        ("Sam", "欢迎。"), ("Lena", "谢谢。"), ("Sam", "你好吗？"), (None, "【重点】很好。"), (None, "[Music]好的。")]
    md = parse_article("# 标题\n\n## 第一部分\n\nOpenAI\n发布了新模型。", fmt="markdown")  # a wrapped line, no name
    assert [c.title for c in md.chapters] == ["第一部分"] and md.paragraphs[0].text == "OpenAI发布了新模型。"


@pytest.mark.parametrize("line, speaker", [
    ("Émile 00:00:12", "Émile"),  # a Latin-script name with accents, and its time
    ("萨姆·奥特曼 00:01:02", "萨姆·奥特曼"),  # a Chinese rendering of a foreign name
    ("主持人 Sam", "主持人 Sam"),  # a role with a name
])
def test_a_name_line_over_a_turn_counts_the_first_time_as_the_same_label_does(line, speaker):
    """A line over a turn names its speaker by the rule of labels (speakers.label_names): these were joined to the
    chapter's title above (`第一部分 Émile`), and the turn lost its speaker."""
    a = parse_article(f"访谈\n\n第一部分\n\n{line}\n你好。\n\n主持人：欢迎。")
    assert [c.title for c in a.chapters] == ["第一部分"]
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [(speaker, "你好。"), ("主持人", "欢迎。")]


def test_a_foreign_name_alone_over_its_turn_counts_where_names_stand_so():
    a = parse_article("访谈\n\n第一部分\n\nSam\n欢迎。\n\n萨姆·奥特曼\n谢谢。\n\nSam\n你好吗？")
    assert [c.title for c in a.chapters] == ["第一部分"]
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("Sam", "欢迎。"), ("萨姆·奥特曼", "谢谢。"), ("Sam", "你好吗？")]


def test_timestamps_at_a_heading_go_and_a_one_off_chinese_name_line_stays_a_heading():
    a = parse_article("访谈\n\n00:01:02 第一部分\n\n主持人：欢迎。\n\n第二部分 [00:05:00]\n\n主持人：再见。\n\n"
                      "00:20:00 - 机器学习与未来\n\n张三 00:21:00\n你好。\n\n张三 00:24:00\n再见。")
    assert [c.title for c in a.chapters] == ["第一部分", "第二部分", "机器学习与未来"]
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎。"), ("主持人", "再见。"), ("张三", "你好。"), ("张三", "再见。")]
    assert [s.text for s in a.skipped] == ["00:01:02", "[00:05:00]", "00:20:00", "00:21:00", "00:24:00"]


def test_a_time_range_at_a_heading_goes_and_its_start_is_the_chapters_stamp():
    """Show notes give a chapter its span (`00:00-05:30 开场`): half of it stayed in the title (`05:30 开场`), or all."""
    a = parse_article("访谈\n\n00:00-05:30 开场\n\n主持人：欢迎。\n\n问答（05:30-10:00）\n\n主持人：再见。\n\n"
                      "第三部分 [10:00 - 15:00]\n\n嘉宾：好。\n\n15:00～20:00 结尾\n\n嘉宾：再见。")
    assert [c.title for c in a.chapters] == ["开场", "问答", "第三部分", "结尾"]
    assert [s.text for s in a.skipped] == ["00:00-05:30", "（05:30-10:00）", "[10:00 - 15:00]", "15:00～20:00"]
    assert [p.stamp for p in a.paragraphs] == [0, 330, 600, 900]


def test_a_chinese_name_glossed_with_its_latin_one_or_a_latin_name_with_a_description_is_a_label():
    """Translators write `山姆（Sam）：` or `Sam Altman（OpenAI CEO）：`: the turn kept the label in its text. A Chinese name
    counts when met twice, glossed or bare, and its turns go by the bare name then (one name a person); a term defined
    with its English (`强化学习（…）：`) once stays text."""
    a = parse_article("访谈\n\n开场\n\n山姆（Sam）：欢迎。\n\n莉娜·帕克 (Lena Park)：谢谢。\n\n"
                      "Sam Altman（OpenAI CEO）：好。\n\n山姆：再见。\n\n强化学习（Reinforcement Learning）：一种方法。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("山姆", "欢迎。"), ("莉娜·帕克 (Lena Park)", "谢谢。"), ("Sam Altman（OpenAI CEO）", "好。"),
        ("山姆", "再见。"), (None, "强化学习（Reinforcement Learning）：一种方法。")]


def test_numbered_questions_and_answers_are_q_and_a_and_a_described_name_goes_by_its_name():
    """`Q1：` / `A1：` kept their labels in the text; `Lena（笑）：` was a speaker of its own beside `Lena`."""
    a = parse_article("访谈\n\n开场\n\nQ1：你是怎么开始的？\n\nA1：从收音机开始。\n\nQ2：然后呢？\n\n"
                      "A2：修复。\n\nLena（笑）：谢谢。\n\nLena：再见。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("Q", "你是怎么开始的？"), ("A", "从收音机开始。"), ("Q", "然后呢？"), ("A", "修复。"), ("Lena", "谢谢。"),
        ("Lena", "再见。")]


def test_a_time_in_prose_after_a_colon_stays():
    a = parse_article("标题\n\n第一部分\n\n主持人：会议时间：10:30开始。")
    assert a.paragraphs[0].text == "会议时间：10:30开始。"


@pytest.mark.parametrize("fmt, heading", [
    ("text", "{}"), ("markdown", "## {}"), ("html", "<h2>{}</h2>"),
])
def test_marks_that_decorate_a_heading_are_not_part_of_the_chapters_title(fmt, heading):
    """Articles from the web set headings off with a bar, a block, a symbol or an emoji (`▍开场`, `■ 结尾`): the
    chapter lists of podcast apps showed them. Marks that number a heading (`①`, `❶`) and marks inside one stay."""
    titles = ["▍开场", "■ 第二部分", "🎙️ 嘉宾介绍", "｜ 技术细节", "——问答——", "★ 结语 ★", "开场丨回顾", "① 附录", "❶ 后记",
              "学习C#", "Part 2 ★", "A*"]
    body = "".join(f"{heading.format(t)}\n\n主持人：第{k}段。\n\n" for k, t in enumerate(titles))
    title = {"text": "▍访谈\n\n", "markdown": "# ▍访谈\n\n", "html": "<h1>▍访谈</h1>"}[fmt]
    a = parse_article(title + body, fmt=fmt)
    assert a.title == "访谈"
    assert [c.title for c in a.chapters] == ["开场", "第二部分", "嘉宾介绍", "技术细节", "问答", "结语", "开场丨回顾",
                                             "① 附录", "❶ 后记", "学习C#", "Part 2", "A*"]


def test_a_symbol_opening_a_paragraph_goes_so_that_its_label_is_read():
    """`▶ 主持人：欢迎。` was a sentence `▶` with no speaker, then the turn. Music notes open a song's lines and stay; a
    picture's caption (`▲ …`) is still skipped as one."""
    a = parse_article("访谈\n\n开场\n\n▶ 主持人：欢迎。\n\n●嘉宾：谢谢。\n\n👉 今天我们聊聊。\n\n♫ 我们一起唱。\n\n"
                      "▲ Lena在她的工作室\n\n嘉宾：好。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎。"), ("嘉宾", "谢谢。"), (None, "今天我们聊聊。"), (None, "♫ 我们一起唱。"), ("嘉宾", "好。")]
    assert [(s.text, s.reason) for s in a.skipped] == [("▲ Lena在她的工作室", "image or its caption")]


def test_a_numbered_line_over_a_paragraph_is_a_heading_and_numbered_lines_together_a_list():
    """`1. 开场` over its section was a paragraph, aligned and shown as a subtitle, and the chapter was lost; short
    numbered lines side by side stay a list's items, aligned as text."""
    a = parse_article("访谈\n\n1. 开场\n\n主持人：欢迎。\n\n2、结尾\n\n主持人：三件事。\n\n1. 苹果\n\n2. 香蕉\n3. 橙子\n\n"
                      "嘉宾：好。")
    assert [c.title for c in a.chapters] == ["1. 开场", "2、结尾"]
    assert [p.text for p in a.paragraphs] == ["欢迎。", "三件事。", "1. 苹果", "2. 香蕉", "3. 橙子", "好。"]


@pytest.mark.parametrize("line", ["* * *", "———", "★★★", "※ ※ ※", "◆◆◆", "🌟🌟🌟", "~~~~"])
def test_a_line_that_only_divides_sections_is_skipped(line):
    """`* * *` was a paragraph, aligned and shown as a subtitle; `———` and `★★★` were chapters."""
    a = parse_article(f"访谈\n\n开场\n\n主持人：欢迎。\n\n{line}\n\n嘉宾：谢谢。\n\n{line}\n\n结尾\n\n嘉宾：再见。")
    assert [c.title for c in a.chapters] == ["开场", "结尾"]
    assert [[s.text for s in p.sentences] for p in a.paragraphs] == [["欢迎。"], ["谢谢。"], ["再见。"]]
    assert [(s.text, s.reason) for s in a.skipped] == [(line, "separator")] * 2


def test_note_marks_after_words_are_taken_out_and_an_index_or_a_power_stays():
    """A translation points at its notes with `[1]` or `¹` after a word: shown in the subtitles, they point at nothing
    (the notes are skipped). `cards[1]` (code read aloud), `m²` and a list opening with `[1]` are words."""
    a = parse_article("访谈\n\n开场\n\n主持人：欢迎来到节目[1]。GPT-4的能力²很强，“修复”［12］很难【3】。\n\n"
                      "嘉宾：cards[1]是第二张，面积是20m²。\n\n[1] 第一点：先听。\n\n参考资料\n\n[1] 李明：《录音修复技术》")
    assert [s.text for p in a.paragraphs for s in p.sentences] == [
        "欢迎来到节目。", "GPT-4的能力很强，“修复”很难。", "cards[1]是第二张，面积是20m²。", "[1] 第一点：先听。"]
    assert [s.text for s in a.skipped if s.reason == "note mark"] == ["[1]", "²", "［12］", "【3】"]
    assert any("4 note marks" in note for note in a.reading)


@pytest.mark.parametrize("front, fmt", [
    ('---\ntitle: "修复旧录音的人"\ndate: 2024-01-01 10:00:00\ntags:\n  - 播客\n  - 音频\n---\n', "markdown"),  # Hexo, Jekyll
    ("+++\ntitle = '修复旧录音的人'\ndraft = false\n+++\n", "markdown"),  # Hugo's TOML
    ("---\ntitle: 修复旧录音的人\ncategories: 访谈\n---\n", "text"),
])
def test_a_blog_posts_front_matter_is_no_text_and_gives_the_title(front, fmt):
    """Blog posts (Hexo, Hugo, Jekyll) open with metadata between `---` lines: it was read as paragraphs of the
    lead-in (`title: 修复旧录音的人date: …`, `播客`, `音频`)."""
    heading = "## 开场" if fmt == "markdown" else "开场"
    a = parse_article(f"{front}\n{heading}\n\n主持人：欢迎。\n\n嘉宾：谢谢。\n", fmt=fmt)
    assert a.title == "修复旧录音的人" and [c.title for c in a.chapters] == ["开场"]
    assert [p.text for p in a.paragraphs] == ["欢迎。", "谢谢。"]
    assert [(s.reason, s.text) for s in a.skipped] == [("front matter", front.strip())]


def test_a_rule_at_the_top_of_an_article_is_no_front_matter_and_a_title_heading_after_it_wins():
    a = parse_article("---\n\n# 访谈\n\n## 开场\n\n主持人：欢迎。\n", fmt="markdown")
    assert a.title == "访谈" and [p.text for p in a.paragraphs] == ["欢迎。"]
    b = parse_article("---\ntitle: 修复\n---\n\n# 访谈全文\n\n## 开场\n\n主持人：欢迎。\n", fmt="markdown")
    assert b.title == "访谈全文" and [c.title for c in b.chapters] == ["开场"]


def test_markdown_footnotes_are_notes_not_text():
    """`[^1]` reached the subtitles as `^1`, and its definition `[^1]: …` vanished unlisted (CommonMark reads it as a
    link's definition)."""
    a = parse_article("# 访谈\n\n## 开场\n\n主持人：欢迎收听[长信号](https://x.com)[^1]。\n\n嘉宾：谢谢[^note]。\n\n"
                      "[^1]: 长信号是一档播客。\n[^note]: 嘉宾的原话\n    有两行。\n", fmt="markdown")
    assert [s.text for p in a.paragraphs for s in p.sentences] == ["欢迎收听长信号。", "谢谢。"]
    assert [(s.reason, s.text) for s in a.skipped] == [
        ("note", "[^1]: 长信号是一档播客。"), ("note", "[^note]: 嘉宾的原话\n    有两行。"), ("note mark", "[^1]"),
        ("note mark", "[^note]")]


@pytest.mark.parametrize("mark", ["- END -", "—END—", "The End", "（完）", "—完—", "全文完"])
def test_an_end_mark_is_skipped_not_aligned_as_a_paragraph(mark):
    a = parse_article(f"标题\n\n第一部分\n\n主持人：欢迎。\n\n嘉宾：谢谢，我们完成了。\n\n{mark}\n\n往期推荐")
    assert [p.text for p in a.paragraphs] == ["欢迎。", "谢谢，我们完成了。"]
    assert (mark, "end mark") in [(s.text, s.reason) for s in a.skipped]


def test_references_under_the_last_heading_are_skipped_but_a_heading_so_named_earlier_is_a_chapter(examples):
    """A translation's closing `参考资料` made a chapter, and a reference (`[2] 李明：《录音修复技术》`) was aligned to
    the outro and shown as a subtitle."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8").split("相关推荐")[0]
    refs = "\n参考资料\n\n[1] Smith, J. Audio restoration on tape. 2019.\n\n[2] 李明：《录音修复技术》，2020年。\n"
    plain, a = parse_article(text), parse_article(text + refs)
    assert structure(a) == structure(plain)
    assert [s.reason for s in a.skipped[len(plain.skipped):]] == ["references"] * 3
    b = parse_article("标题\n\n注释\n\n主持人：这一段是正文。\n\n结尾\n\n主持人：再见。")
    assert [c.title for c in b.chapters] == ["注释", "结尾"]


def test_real_paragraph_mentioning_qr_code_is_kept():
    para = "主持人：你们的应用里有一个扫描二维码的功能，当初为什么要做它？这个设计后来改变了整个产品的方向，我们讨论了很久很久。"
    a = parse_article(f"标题\n\n第一部分\n\n{para}\n\n第二部分\n\n嘉宾：因为用户需要。")
    assert any("扫描二维码" in p.text for p in a.paragraphs)


def test_inspect_json_cli(examples):
    result = companion(*["inspect", str(examples / "episode.zh.md"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == outline(read_article(str(examples / "episode.zh.md")))
    assert [c["title"] for c in data["chapters"]] == CHAPTERS
    assert data["encoding"] == "utf-8"


def test_inspect_and_the_report_say_how_the_text_was_read(examples, tmp_path):
    stamped = re.sub(r"^(主持人|Lena)：", r"[00:01:15] \1：", (examples / "episode.zh.txt").read_text(encoding="utf-8"),
                     flags=re.M)
    (tmp_path / "episode.zh.txt").write_text(stamped, encoding="utf-8")
    note = STAMPS_NOTE
    assert json.loads(companion("inspect", str(tmp_path / "episode.zh.txt"), "--json").stdout)["reading"] == [note]
    ran = companion("align", str(tmp_path / "episode.zh.txt"), "-t", str(examples / "episode.en.vtt"),
                    "--out", str(tmp_path / "out"))
    assert ran.exit_code == 0 and f"note: {note}" in ran.stdout
    assert json.loads((tmp_path / "out" / "episode.alignment.json").read_text(encoding="utf-8"))["notes"][0] == note


def test_inspect_outline_cli(examples):
    result = companion(*["inspect", str(examples / "episode.zh.txt")])
    assert result.exit_code == 0
    assert all(t in result.stdout for t in CHAPTERS)


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def docx(path, paragraphs: list[str], styles: str = "") -> str:
    """A Word document at `path` whose body is these <w:p> elements (as XML), with these style definitions."""
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS} {MC_NS}>'
                                              f'<w:body>{"".join(paragraphs)}</w:body></w:document>')
        archive.writestr("word/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W_NS}>{styles}</w:styles>')
    return str(path)


def w_p(text: str, style: str | None = None, bold: bool = False) -> str:
    """A paragraph of text (its lines cut by <w:br/>), in a style, every run bold or not."""
    from html import escape

    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    mark = "<w:rPr><w:b/></w:rPr>" if bold else ""
    runs = "<w:r><w:br/></w:r>".join(f'<w:r>{mark}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
                                     for line in text.split("\n"))
    return f"<w:p>{props}{runs}</w:p>"


def test_a_word_document_reads_as_the_same_article_in_plain_text(examples, tmp_path):
    """Translators deliver .docx: it was refused ("save it as plain text"). Headings by a style's name (its id is
    localised: Chinese Word calls `heading 2` `2`), lines cut by a line break."""
    text = (examples / "episode.zh.txt").read_text(encoding="utf-8")
    plain = parse_article(text)
    titles = {c.title for c in plain.chapters}
    body = [w_p(block, "a3" if k == 0 else "2" if block in titles else None)
            for k, block in enumerate(text.strip().split("\n\n"))]
    styles = ('<w:style w:styleId="a3"><w:name w:val="Title"/></w:style>'
              '<w:style w:styleId="2"><w:name w:val="heading 2"/></w:style>')
    article = read_article(docx(tmp_path / "episode.docx", body, styles))
    assert structure(article) == structure(plain) and article.skipped == plain.skipped
    assert article.title == plain.title and article.encoding == "docx"


def test_a_word_documents_bold_lines_links_tables_and_tracked_changes(tmp_path):
    """A whole-bold short line heads what follows, as in a web page; a link's words and a table's paragraphs are
    text; deleted words, the copy Word keeps for old readers and its table of contents are not."""
    contents = ('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
                f'<w:sdtContent>{w_p("开场 1")}{w_p("问答 2")}</w:sdtContent></w:sdt>')
    body = [w_p("访谈", "Title"), contents, w_p("开场", bold=True),
            '<w:p><w:r><w:t>主持人：欢迎收听</w:t></w:r><w:hyperlink><w:r><w:t>长信号</w:t></w:r></w:hyperlink>'
            '<w:del><w:r><w:delText>（删掉的）</w:delText></w:r></w:del><w:r><w:t>。</w:t></w:r></w:p>',
            '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>问答</w:t></w:r></w:p>',
            f'<w:tbl><w:tr><w:tc>{w_p("嘉宾：谢谢。")}</w:tc></w:tr></w:tbl>',
            f'<mc:AlternateContent><mc:Choice Requires="w14">{w_p("嘉宾：再见。")}</mc:Choice>'
            f'<mc:Fallback>{w_p("嘉宾：再见。")}</mc:Fallback></mc:AlternateContent>']
    a = read_article(docx(tmp_path / "a.docx", body))
    assert a.title == "访谈" and [c.title for c in a.chapters] == ["开场", "问答"]
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎收听长信号。"), ("嘉宾", "谢谢。"), ("嘉宾", "再见。")]


def test_an_otter_or_rev_word_export_is_a_transcript_and_a_word_english_text_is_read(tmp_path):
    """Otter and Rev export transcripts as .docx (a name and a time over each turn): refused ("save it as text"), as
    was an English text in Word for forced alignment."""
    from companion.transcript.readers import read_transcript
    from companion.transcript.untimed import read_english_text

    body = [w_p("Sam Rivera  0:03"), w_p("Welcome back to the show."), w_p("Lena Park  0:07"),
            w_p("Thanks for having me.")]
    t = read_transcript(docx(tmp_path / "otter.docx", body))
    assert [(s.start, s.speaker, s.text) for s in t.segments] == [
        (3.0, "Sam Rivera", "Welcome back to the show."), (7.0, "Lena Park", "Thanks for having me.")]
    lines = read_english_text(docx(tmp_path / "english.docx", [w_p("Sam: Welcome back."), w_p("Lena: Thanks.")]))
    assert [(line.speaker, line.tokens) for line in lines] == [("Sam", ["Welcome", "back."]), ("Lena", ["Thanks."])]


@pytest.mark.parametrize("damage", ["xml", "deflate"])
def test_a_broken_word_document_is_bad_input(tmp_path, damage):
    import zipfile

    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>" if damage == "xml" else
                         f"<w:document {W_NS}><w:body>{w_p('主持人：欢迎。' * 200)}</w:body></w:document>")
    if damage == "deflate":  # the compressed bytes scrambled past the local header
        data = bytearray(path.read_bytes())
        data[60:90] = bytes(range(30))
        path.write_bytes(bytes(data))
    result = companion("inspect", str(path))
    assert result.exit_code == 2 and "cannot read the Word document" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("content, message", [
    (None, "not found"), (b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"just English here.", "no Chinese"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "save it as plain text"),  # a .docx cut short: no zip
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"), (r"{\rtf1\ansi 中文}".encode(), "RTF document"),
])
def test_bad_input_one_line_exit_2(tmp_path, content, message):
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    result = companion(*["inspect", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_directory_is_bad_input(tmp_path):
    result = companion(*["inspect", str(tmp_path)])
    assert result.exit_code == 2 and "directory" in result.stderr


def test_invitation_heading_right_after_last_paragraph_is_not_glued_to_it():
    text = ("标题\n\n第一部分\n\n嘉宾：我认为未来将是一个结合，而我们才刚刚开始理解它会变成什么样子的那一天还很远\n"
            "读者交流群邀请函\n\n扫描二维码添加小助手微信\n")
    a = parse_article(text)
    assert a.paragraphs[-1].text.endswith("那一天还很远")
    assert [s.reason for s in a.skipped] == ["QR-code or group invitation"] * 2


def test_help_texts_render_their_examples():
    align_help = companion(*["align", "--help"]).stdout
    assert "[hh:mm:ss]" in align_help
    main_help = companion(*["--help"]).stdout
    for command in ("inspect", "align", "chapters", "preview", "transcribe"):
        assert command in main_help


def srt(cues: list[tuple[float, str]]) -> str:
    """An SRT file of `cues` (start, text), each two seconds long."""
    def clock(t: float) -> str:
        return f"{int(t) // 3600:02d}:{int(t) % 3600 // 60:02d}:{int(t) % 60:02d},{round(t % 1 * 1000):03d}"
    return "".join(f"{k}\n{clock(t)} --> {clock(t + 2)}\n{text}\n\n" for k, (t, text) in enumerate(cues, 1))


LIGHTHOUSE = ["我想给大家讲一个故事", "关于一座灯塔", "它在海边站了一百年。", "每年冬天", "风暴都会来", "可它从来没有倒下。"]


def test_chinese_subtitles_read_as_the_article_keep_their_first_cue_times(tmp_path):
    path = tmp_path / "talk.zh.srt"
    path.write_bytes(b"\xef\xbb\xbf" + srt([(3.5 + 2 * k, line) for k, line in enumerate(LIGHTHOUSE)]).encode())
    a = read_article(str(path))
    assert a.title == "" and [c.title for c in a.chapters] == [""]
    assert "".join(p.text for p in a.paragraphs).replace(" ", "") == "".join(LIGHTHOUSE)
    assert a.paragraphs[0].stamp == 3.5 and all(p.pasted for p in a.paragraphs)
    assert a.reading[0].startswith(f"the article is a subtitle file ({len(LIGHTHOUSE)} cues, read as ")
    assert parse_article(srt([(0, "主持人：你好")] * 3), fmt="subtitles").paragraphs[0].speakers == ["主持人"]


@pytest.mark.parametrize("name", ["talk.zh.sbv", "talk.zh.txt"])
def test_chinese_sbv_subtitles_read_as_the_article_as_srt_do(tmp_path, name):
    """YouTube's SBV, by its suffix or its first line: it was read as plain text, each time line a heading."""
    def clock(t: float) -> str:
        return f"{int(t) // 3600}:{int(t) % 3600 // 60:02d}:{int(t) % 60:02d}.{round(t % 1 * 1000):03d}"
    (tmp_path / name).write_text("".join(f"{clock(3.5 + 2 * k)},{clock(5.5 + 2 * k)}\n{line}\n\n"
                                         for k, line in enumerate(LIGHTHOUSE)), encoding="utf-8")
    (tmp_path / "talk.zh.srt").write_text(srt([(3.5 + 2 * k, line) for k, line in enumerate(LIGHTHOUSE)]))
    sbv, subrip = read_article(str(tmp_path / name)), read_article(str(tmp_path / "talk.zh.srt"))
    assert structure(sbv) == structure(subrip) and [p.stamp for p in sbv.paragraphs] == [p.stamp for p in subrip.paragraphs]
    assert sbv.reading == subrip.reading


def test_bilingual_subtitles_read_as_the_article_keep_only_their_chinese_lines():
    english = ["I want to tell you a story", "about a lighthouse", "It has stood by the sea for a century."]
    a = parse_article(srt([(2 * k, f"{en}\n{zh}") for k, (en, zh) in enumerate(zip(english, LIGHTHOUSE))]),
                      fmt="subtitles")
    assert "".join(p.text for p in a.paragraphs).replace(" ", "") == "".join(LIGHTHOUSE[:3])


def test_a_subtitle_file_with_no_cue_is_bad_input(tmp_path):
    path = tmp_path / "broken.srt"
    path.write_text("1\n00:00:01,000 --> soon\n你好\n", encoding="utf-8")
    result = companion("inspect", str(path))
    assert result.exit_code == 2 and "no cue with text" in result.stderr


def test_an_ass_track_of_one_language_events_keeps_its_chinese_text_and_speakers_not_comments_or_drawings():
    events = [(1.0, "主持人", "欢迎回来"), (1.0, "主持人", "Welcome back to the show"), (3.0, "嘉宾", "谢谢"),
              (3.0, "嘉宾", "Thank you for having me"), (5.0, "嘉宾", "我想讲一个故事"), (5.0, "嘉宾", "I want to tell a story")]
    lines = [f"Dialogue: 0,0:00:{t:05.2f},0:00:{t + 2:05.2f},{'EN' if text.isascii() else 'ZH'},{who},0,0,0,,"
             f"{{\\fad(200,200)}}{text}" for t, who, text in events]
    a = parse_article("[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, "
                      "MarginR, MarginV, Effect, Text\nComment: 0,0:00:00.00,0:00:01.00,ZH,,0,0,0,,校对：某某\n"
                      + "\n".join(lines) + "\n", fmt="subtitles")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎回来"), ("嘉宾", "谢谢 我想讲一个故事")]
    assert [p.stamp for p in a.paragraphs] == [1.0, 3.0]
    chinese_only = [line for line in lines if ",ZH," in line]
    a = parse_article("[Script Info]\n\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, "
                      "Effect, Text\nDialogue: 0,0:00:00.00,0:00:09.00,ZH,,0,0,0,,{\\p1}m 0 0 l 100 0 100 20{\\p0}\n"
                      + "\n".join(chinese_only) + "\n", fmt="subtitles")
    assert "".join(p.text for p in a.paragraphs) == "欢迎回来谢谢 我想讲一个故事"


def test_pasted_cue_breaks_read_as_a_pause_but_never_as_a_space_after_a_mark():
    cues = ["欢迎回到节目，", "我是主持人。", "今天的嘉宾", "花了二十年", "修复旧录音。", "谢谢", "很高兴来到这里。",
            "我们开始吧", "先说说童年", "好的。", "我们请到了Dr. Smith,", "Jane Doe和她的同事。"]
    a = parse_article("访谈\n\n" + "\n".join(cues) + "\n")
    texts = [s.text for p in a.paragraphs for s in p.sentences]
    assert "".join(texts).replace(" ", "") == "".join(cues).replace(" ", "")
    assert not [t for t in texts if re.search(r"[，。] ", t)]
    # a sentence opens with a space (the pause) only where the one before ends without a full-width mark
    assert [t != t.lstrip() for t in texts] == [False] + [not re.search(r"[，。]$", t) for t in texts[:-1]]
    assert "谢谢 很高兴来到这里。" in texts
    assert "Smith, Jane" in "".join(texts)  # after an ASCII mark, a Latin word keeps its space


@pytest.mark.parametrize("fmt, head", [("text", "灯塔\n\n"), ("markdown", "# 灯塔\n\n")])
def test_a_bilingual_articles_english_lines_are_paragraphs_of_their_own(fmt, head):
    """中英对照 line by line (no blank line between an English line and its Chinese): the two languages part."""
    pairs = [("My grandmother kept the lighthouse on the northern island.", "我的祖母在北边的岛上看守灯塔。"),
             ("Every evening she climbed the steps to light the lamp.", "每天傍晚，她爬上台阶去点亮灯。")]
    text = head + "\n\n".join(f"{en}\n{zh}" for en, zh in pairs) + "\n"
    article = parse_article(text, fmt=fmt)
    assert [(p.text, p.english) for p in article.paragraphs] == [(t, k % 2 == 0) for pair in pairs
                                                                 for k, t in enumerate(pair)]
    assert [p.get("english", False) for p in outline(article)["chapters"][0]["paragraphs"]] == [True, False] * 2


def test_english_words_in_a_chinese_paragraph_a_short_latin_line_or_code_are_no_english_paragraph():
    code = ["(DEFINE (NTH-STREAM N S) (IF (= N 0) (HEAD S)))", "assert(cards.indices.contains(index))"]
    text = "# 标题\n\n我们用 Transformer model 做了实验。\n\nGPT-4 is here\n\nQ&A\n\n" + "\n\n".join(code) + "\n"
    assert [p.english for p in parse_article(text, fmt="markdown").paragraphs] == [False] * 5


@pytest.mark.parametrize("before", ["攻击者：", "问题是:", "他说“好”", '他说"好"', "到此为止.", "好的！"])
def test_a_known_speakers_label_after_a_colon_quote_or_stop_is_a_turn(before):
    """Subtitle text joined into paragraphs puts a label after whatever the cue before ended with (a colon, a closing
    quote, an ASCII full stop): the turn is split there as after 。, and the label leaves the text."""
    a = parse_article(f"# 访谈\n\n## 第一部分\n\n主持人：我们开始吧。\n\n嘉宾：好的，{before}主持人：下一个问题。\n")
    turns = [(s.speaker, s.text) for s in a.paragraphs[1].sentences]
    assert turns[-1] == ("主持人", "下一个问题。")
    assert "主持人" not in a.paragraphs[1].text


def test_a_role_word_inside_a_sentence_stays_text():
    """Only a label standing at a boundary is a turn: `我们的嘉宾：` and `地问：` are prose."""
    a = parse_article("# 访谈\n\n## 第一部分\n\n主持人：介绍一下我们的嘉宾：一位作家。\n\n嘉宾：她很自然地问：为什么？\n")
    assert [s.text for p in a.paragraphs for s in p.sentences] == ["介绍一下我们的嘉宾：一位作家。", "她很自然地问：为什么？"]


@pytest.mark.parametrize("sentence", ["在你点击下方的按钮时，它会切换视图。", "然后点击上方的菜单。"])
def test_a_speaker_asking_to_click_something_on_screen_is_speech(sentence):
    """A lecture says "click the button below": only the page's own objects (蓝字, 卡片, 阅读原文, 二维码) make a call to
    action, so the sentence stays in its turn, at a paragraph's end as anywhere."""
    a = parse_article(f"# 课程\n\n## 第一部分\n\n主持人：这是一个视图。嘉宾：{sentence}\n\n主持人：对的。\n")
    assert [s.text for s in a.paragraphs[0].sentences] == ["这是一个视图。", sentence]
    assert a.skipped == []


@pytest.mark.parametrize("paragraph", ["http://ted.com上有全部演讲，大家可以去看。", "网址：www.ted.com，欢迎访问。",
                                       "链接：https://ted.com的首页有全部演讲。"])
def test_a_paragraph_opening_with_a_web_address_is_speech(paragraph):
    """Chinese runs on after a URL with no space: only a line that is the link alone is a credit line, so a speaker
    giving the address keeps the sentence (it was skipped whole, and the paragraph lost)."""
    a = parse_article(f"# 演讲\n\n## 第一部分\n\n我们开始吧。\n\n{paragraph}\n\n谢谢。\n")
    assert [p.text for p in a.paragraphs] == ["我们开始吧。", paragraph, "谢谢。"]
    assert a.skipped == []


@pytest.mark.parametrize("note", ["注", "译注", "编者按", "按", "Note", "PS", "P.S.", "Tips"])
def test_a_note_opening_paragraphs_is_no_speaker(note):
    """`注：`, `编者按：`, `Note:` open the translator's or editor's notes, however often: they stay in the text as
    written, with no speaker (a voice `注` was shown in the subtitles)."""
    a = parse_article(f"# 演讲\n\n## 第一部分\n\n{note}：这里指的是二战。\n\n我们开始吧。\n\n{note}：本期录制于2023年。\n")
    assert [(s.speaker, s.text) for s in a.paragraphs[0].sentences] == [(None, f"{note}：这里指的是二战。")]
    assert not any(s.speaker for p in a.paragraphs for s in p.sentences)


def test_a_role_with_the_name_in_brackets_is_the_roles_label_the_first_time():
    """`主持人（Sam）：` is a role as `主持人 Sam：` is: a label the first time, whose turns go by the role; the
    label stayed in the text."""
    a = parse_article("访谈\n\n开场\n\n主持人（Sam）：欢迎。\n\nLena：谢谢。你好。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎。"), ("Lena", "谢谢。"), ("Lena", "你好。")]


def test_a_panels_numbered_guests_are_labels_each_a_speaker_of_their_own():
    """`嘉宾1：`, `嘉宾2：`, `观众 3：`, `嘉宾甲：` are roles numbered as a panel transcript numbers them: labels the first
    time, each number one person (they stayed in the text)."""
    a = parse_article("访谈\n\n开场\n\n主持人：欢迎两位。\n\n嘉宾1：谢谢。\n\n嘉宾2：谢谢邀请。\n\n观众 3：我有个问题。\n\n"
                      "嘉宾甲：好的。")
    assert [(s.speaker, s.text) for p in a.paragraphs for s in p.sentences] == [
        ("主持人", "欢迎两位。"), ("嘉宾1", "谢谢。"), ("嘉宾2", "谢谢邀请。"), ("观众 3", "我有个问题。"), ("嘉宾甲", "好的。")]
