"""With DEBUG off (the default), errors reach users in their language with nothing
internal in them: no traceback, settings, paths or URL map; JSON under /api/."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import path

from wiring.urls import urlpatterns as app_urlpatterns


def _boom(request):
    raise RuntimeError("secret internals: /work/main/haikou_exec/settings.py SECRET_KEY")


def _boom_api(request):
    raise RuntimeError("secret internals in the API")


urlpatterns = [
    path("boom/", _boom),
    path("api/v1/boom/", _boom_api),
    *app_urlpatterns,
]
handler403 = "haikou_exec.errors.permission_denied"
handler404 = "haikou_exec.errors.page_not_found"
handler500 = "haikou_exec.errors.server_error"

INTERNALS = ("Traceback", "SECRET_KEY", "/work/", "settings.py", "urlpatterns", "Using the URLconf")


def test_debug_is_off_unless_asked_for():
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    env = {"DJANGO_SETTINGS_MODULE": "haikou_exec.settings", "HAIKOU_ENV": "development"}
    out = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert out.stdout.strip() == "False", out.stderr[-2000:]


@pytest.mark.django_db
@pytest.mark.urls("tests.platform.test_error_pages")
def test_a_500_page_is_in_chinese_and_shows_nothing_internal(org):
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="xy_judge"))
    page = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = page.content.decode()
    assert page.status_code == 500
    assert "系统错误" in body and "请稍后重试" in body
    assert not any(word in body for word in INTERNALS), body
    api = client.get("/api/v1/boom/")
    assert api.status_code == 500 and api["Content-Type"].startswith("application/json")
    assert api.json()["code"] == "server_error" and "secret" not in api.content.decode()


@pytest.mark.django_db
def test_a_404_page_is_in_chinese_for_anyone_and_json_under_the_api(login):
    anonymous = Client().get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert anonymous.status_code == 404
    body = anonymous.content.decode()
    assert "页面不存在" in body and not any(word in body for word in INTERNALS)
    judge = login("xy_judge").get("/cases/999999999/")
    assert judge.status_code == 404 and "页面不存在" in judge.content.decode()
    api = login("xy_judge").get("/api/v1/no-such-resource/")
    assert api.status_code == 404 and api.json()["code"] == "not_found"
