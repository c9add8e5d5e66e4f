"""The teacher's live page in a real browser (Playwright driving the Debian chromium; no download)."""

from __future__ import annotations

import json
import signal
import subprocess
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from game.play.remote.player import play_seat
from test_net_host import ENV, PARLEY, start_host

CHROMIUM = "/usr/bin/chromium"
NAME = "<b>Ada</b> & <img src=x onerror=alert(1)"


@pytest.fixture
def host(tmp_path):
    proc = start_host(tmp_path / "class", tmp_path / "host.json", "--port", "0", "--tables", "2",
                      "--ai-fill", "conceder")
    yield json.loads((tmp_path / "host.json").read_text())
    proc.send_signal(signal.SIGINT)
    try:
        proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def test_live_updates_names_as_text_and_the_end_of_the_class(host, browser):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    page.goto(host["teacher_url"])
    expect(page.locator("#code")).to_have_text(host["code"])
    cards = page.locator(".card")
    expect(cards).to_have_count(2)
    expect(cards.first).to_contain_text("waiting for students")
    result: dict = {}
    student = threading.Thread(target=lambda: result.update(state=play_seat([host["url"]], host["code"], NAME, "linear",
                                                                          think=0.05, give_up_after=30)))
    student.start()
    expect(cards.first).to_contain_text(NAME)  # the live update, and the name stays text
    assert page.locator(".card b, .card img").count() == 0
    expect(page.locator("#counters")).to_contain_text("Students connected: 1/1")
    page.click("#fill")  # a computer player for the empty seat: the game starts
    expect(cards.first).to_contain_text("Computer (conceder)")
    expect(cards.first.locator(".deal, .nodeal")).to_have_count(1, timeout=30_000)
    student.join(timeout=30)
    assert result["state"].finished
    page.check("#projector")  # projector mode hides the private points until revealed
    expect(cards.first.locator(".points")).to_be_hidden()
    expect(cards.first.locator(".pin")).to_be_hidden()  # a PIN on the projector would let anyone take the seat
    page.click("#reveal")
    expect(cards.first.locator(".points")).to_be_visible()
    with page.expect_popup() as popup:
        page.click("#end")
    report = popup.value
    report.wait_for_load_state()
    assert "1 game" in report.content() and "&lt;b&gt;Ada" in report.content()
    assert dialogs and "End the class" in dialogs[0]
    assert not [d for d in dialogs if "1" == d]  # no alert(1) ran


def test_a_wrong_key_sees_nothing(host, browser):
    page = browser.new_page()
    page.goto(host["teacher_url"].split("#")[0] + "#key=not-the-key")
    expect(page.locator("#status")).to_have_text("this is not the teacher's address of this class")
    assert page.locator(".card").count() == 0 and page.locator("#code").text_content() == ""
    assert host["code"] not in page.content()
