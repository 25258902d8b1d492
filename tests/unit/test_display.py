"""The display check made before Qt starts (consult_app/app/display.py)."""

import os
import socket

import pytest

from consult_app.app.display import display_problem


def test_no_display_at_all_says_so_and_how_to_run():
    problem = display_problem({}, "linux")
    assert problem.startswith("no display was found")
    assert "xvfb-run make run" in problem
    assert "desktop session" in problem


def test_a_display_nobody_listens_on_is_named():
    problem = display_problem({"DISPLAY": ":4711"}, "linux")
    assert problem.startswith("the display :4711 cannot be reached")


@pytest.fixture
def x_server():
    """A listening X11 socket in Linux's abstract namespace (as Xvfb also makes)."""
    number = 4000 + os.getpid() % 1000
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(f"\0/tmp/.X11-unix/X{number}")
        server.listen(1)
        yield number


def test_a_listening_display_is_accepted(x_server):
    assert display_problem({"DISPLAY": f":{x_server}"}, "linux") == ""
    assert display_problem({"DISPLAY": f"unix:{x_server}.0"}, "linux") == ""


def test_wayland_socket_is_accepted(tmp_path):
    (tmp_path / "wayland-0").touch()
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(env, "linux") == ""


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
        ({"DISPLAY": "/private/tmp/com.apple.launchd.x/org.xquartz:0"}, "linux"),
    ],
)
def test_left_to_qt_when_we_cannot_judge(environ, platform):
    assert display_problem(environ, platform) == ""
