"""Recognise what surrounds the interview in a republished article: blurbs, credits, invitations, lists.

Rules are deliberately narrow in the middle of the text (short lines with strong markers only) and
broader at the edges, so that a real paragraph of the interview is never dropped.
"""

from __future__ import annotations

import re

from companion.text import to_simplified

CREDIT = re.compile(r"^\s*(转载自|转自|本文转载|来源|出处|作者|编辑|责编|责任编辑|排版|校对|审核|整理|编译|原文链接|原文地址|文章来源|图片来源|出品|策划|"
                    r"剪辑|后期|后期制作|制作|制作人|监制|录音|混音|配乐|音乐|摄影|摄像|译者|字幕|听译|校译|审校|美编|统筹)\s*[:：|｜丨/]")
# (the production roles of a podcast's credits never label speech; 翻译, an interpreter in an interview, may)
INVITATION = re.compile(r"长按|扫描?二维码|扫码|识别二维码|添加小助手|加小助手|进群|入群|交流群|微信群|粉丝群|读者群|申请加入|邀请函|点击.{0,6}(阅读原文|关注|在看|星标)|点个?赞|设为星标|一键三连|欢迎关注")
# What closes a republished article: how to ask for an invitation (请备注…即可申请加入…群).
REQUEST = re.compile(r"请备注|备注[:：]|申请加入|加入.{0,12}群|扫码|添加.{0,12}微信|加微信|微信号[:：]")
TAIL_MAX = 200  # characters: a longer block is a paragraph, never a closing request
# A reader's call to action run into a paragraph (`…谢谢你，Sam。[点击阅读原文](…)`): words of the page, never of the
# episode (no one says "click read the original" on air), so narrower than INVITATION, whose 关注, 点赞 or 扫描二维码 a
# host or guest may say. Clicking above or below counts only on the page's own things: a lecture says 点击下方的按钮.
PAGE_THING = r"(蓝字|卡片|名片|公众号|小程序|二维码)"  # (阅读原文 is one wherever it stands)
CALL_TO_ACTION = re.compile(rf"阅读原文|点击((上方|下方)的?)?{PAGE_THING}|点击(上方|下方).{{0,12}}(关注|星标)|(上方|下方)蓝字|"
                            r"长按(识别|扫码)|识别(图中)?二维码|设为星标|点亮?.{0,2}在看")
# A line that only points somewhere (`链接：https://…`, as a copied Zhihu answer ends; a bare URL): never speech.
# A URL is ASCII: Chinese running on after it with no space (`http://ted.com上有…`) is a sentence giving an address.
LINK_LINE = re.compile(r"^\s*(?:[^\s:：]{1,8}\s*[:：]\s*)?https?://[!-~]+\s*$", re.I)
# A notice of rights (`版权归作者所有，未经授权不得转载`, Zhihu's `著作权归作者所有。商业转载请联系作者…`): at the edges
# of the article only, where a speaker's sentence on copyright (`这本书的版权归出版社所有。`) never stands.
COPYRIGHT = re.compile(r"(著作权|版权)归.{0,20}所有|版权所有|未经.{0,12}(授权|许可|同意).{0,12}转载|转载请.{0,8}(联系|注明|授权)|"
                       r"(非)?商业转载|all rights reserved|^©|^copyright\b", re.I)
NOTICE_MAX = 120  # characters: a longer block is a paragraph
# Closing the body with nothing editorial before it, a notice must speak of reprints too: a talk's last words may be on
# copyright (`版权归创作者所有。谢谢。`), never on reprinting the text.
REPRINT = re.compile(r"转载|all rights reserved|^©", re.I)
ABOUT = re.compile(r"^(关于我们|关于本号|关于作者|作者简介|联系我们|About us)$", re.I)
RECOMMEND = re.compile(r"^[【\[（(]?(相关推荐|推荐阅读|往期回顾|往期推荐|往期精选|往期文章|热门文章|精选文章|延伸阅读|猜你喜欢|更多阅读|热文推荐|近期热门|历史文章)[】\]）)]?[:：]?$")
# A translation's closing list of sources or notes, under its last heading (`参考资料`, `References`): not the episode.
REFERENCES = re.compile(r"^[【\[（(]?(参考资料|参考文献|参考链接|参考来源|资料来源|注释|脚注|references|notes|sources)"
                        r"[】\]）)]?[:：]?$", re.I)
COMMUNITY = re.compile(r"(社区|公众号|订阅号|视频号|平台|账号|本号)")
COMMUNITY_PURPOSE = re.compile(r"(受众|愿景|旨在|致力于|宗旨|关注我们|欢迎.{0,6}关注|欢迎.{0,6}加入|粉丝|知名的)")
# An image's place or caption in an article pasted from a web page: `[图片]`, `▲ Lena在她的工作室` (the mark points at
# the picture), `图：…`, `（图片来自网络）`. Read as a heading, a caption heads the paragraph under it and leaves the real
# heading above it heading nothing.
IMAGE = re.compile(r"^\s*([\[【（(]\s*(图|图片|配图|image|img|photo|picture)\s*\d*\s*[\]】）)]$|[▲△▼↑↓]|"
                   r"(图|图片|配图|题图|封面图?)\s*\d*\s*[:：|｜丨]|[（(](图|图片|配图)(来源|来自|源|由))", re.I)
# The mark a republished article ends with (`- END -`, `—完—`, `（全文完）`): read as text, it was aligned as a paragraph.
END_MARK = re.compile(r"[-—–=~·•\s]*(the\s+)?end[-—–=~·•\s]*|[-—–=~·•\s]*[（(【\[]?(全文完|本文完|完)[）)】\]]?[-—–=~·•\s]*", re.I)
SHORT = 40
LABELLED = re.compile(r"^\s*[^\s:：]{1,12}[:：]")


def boilerplate_reason(text: str, at_edge: bool) -> str | None:
    """Why a block is not part of the interview, or None when it is (or might be)."""
    line = to_simplified(text.strip())
    if RECOMMEND.match(line):
        return "recommendation list"
    if ABOUT.match(line):
        return "about us"
    if CREDIT.match(line) and len(line) <= SHORT or LINK_LINE.match(line):
        return "source or credit line"
    if at_edge and len(line) <= NOTICE_MAX and COPYRIGHT.search(line):
        return "copyright notice"
    if at_edge and COMMUNITY.search(line) and COMMUNITY_PURPOSE.search(line):
        return "community boilerplate"
    spoken = bool(LABELLED.match(line)) or "？" in line or "?" in line
    if INVITATION.search(line) and (at_edge or (len(line) <= SHORT and not spoken)):
        return "QR-code or group invitation"
    if IMAGE.match(line) and len(line) <= SHORT:
        return "image or its caption"
    if END_MARK.fullmatch(line):
        return "end mark"
    return None


def closing_reason(text: str) -> str | None:
    """Why a block closing the body is no part of it, or None: a short unlabelled line asking readers to join a
    group, scan a code or add an account, or a notice of rights."""
    line = to_simplified(text.strip())
    if len(line) > TAIL_MAX or LABELLED.match(line) and not REQUEST.match(line):  # `请备注:` is no speaker
        return None
    if REQUEST.search(line) or INVITATION.search(line):
        return "QR-code or group invitation"
    notice = len(line) <= NOTICE_MAX and COPYRIGHT.search(line) and REPRINT.search(line)
    return "copyright notice" if notice else None


def call_to_action(sentence: str) -> bool:
    """A short unlabelled sentence asking the reader to click, scan or star: the page's words, not the episode's."""
    line = to_simplified(sentence.strip())
    asked = "？" in line or "?" in line
    return len(line) <= SHORT and not LABELLED.match(line) and not asked and bool(CALL_TO_ACTION.search(line))


def references(heading: str) -> bool:
    """Whether a heading opens a list of sources or notes (`参考资料`): the article's last heading only is taken so."""
    return bool(REFERENCES.match(to_simplified(heading.strip())))


def starts_tail(reason: str | None) -> bool:
    """After a recommendation list header, or the references under the last heading, nothing more belongs to the
    interview."""
    return reason in ("recommendation list", "references")
