from datetime import date, timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from personnel.demo import DEMO_PASSWORD
from tests.conftest import english


@pytest.mark.django_db
def test_token_login_and_use(org):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "lh_judge", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    body = client.get("/api/v1/officers/").json()
    assert body["count"] >= 1
    assert {row["court"] for row in body["results"]} == {"琼0106"}


@pytest.mark.django_db
def test_wrong_login_gets_a_clear_message(org):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "lh_judge", "password": "nope-nope"}
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.django_db
def test_expired_token_is_refused_with_a_message(org, settings):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lh_judge")
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(
        created=timezone.now() - timedelta(hours=settings.API_TOKEN_TTL_HOURS + 1)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = english(client).get("/api/v1/courts/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"].lower()
    # Logging in again replaces the expired token.
    fresh = (
        APIClient()
        .post("/api/v1/auth/token/", {"username": "lh_judge", "password": DEMO_PASSWORD})
        .json()
    )
    assert fresh["token"] != token.key


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/officers/?bureau=not-a-number",
        "/api/v1/officers/?role=astronaut",
        "/api/v1/courts/?tier=moon",
    ],
)
def test_malformed_filter_is_400_with_field_message(login, url):
    response = login("zy_leader").get(url)
    assert response.status_code == 400
    assert isinstance(response.json(), dict) and response.json()


@pytest.mark.django_db
def test_schema_and_offline_docs(login):
    client = login("zy_leader")
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/officers/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/" in docs


@pytest.mark.django_db
def test_officer_update_restricted_to_own_bureau_leadership(login, org):
    from personnel.models import Officer

    target = Officer.objects.get(user__username="lh_judge")
    # 秀英's director cannot change a 龙华 officer and does not learn they exist.
    response = login("xy_director").patch(
        f"/api/v1/officers/{target.pk}/", {"phone": "1"}, content_type="application/json"
    )
    assert response.status_code == 404
    # A judge cannot change a colleague, but may change their own phone number.
    colleague = Officer.objects.get(user__username="xy_clerk")
    judge = login("xy_judge")
    denied = judge.patch(
        f"/api/v1/officers/{colleague.pk}/", {"phone": "1"}, content_type="application/json"
    )
    assert denied.status_code == 404
    me = Officer.objects.get(user__username="xy_judge")
    mine = judge.patch(
        f"/api/v1/officers/{me.pk}/", {"phone": "13900000000"}, content_type="application/json"
    )
    assert mine.status_code == 200


@pytest.mark.django_db
def test_api_root_lists_every_resource(org, login):
    from wiring.urls import api_router

    assert APIClient().get("/api/v1/").status_code in (401, 403)
    response = login("lh_judge").get("/api/v1/")
    assert response.status_code == 200
    listed = response.json()
    registered = {prefix for prefix, _viewset, _basename in api_router.registry}
    assert set(listed) == registered
    assert {"cases", "transfers", "equipment", "officers", "supervision-cases"} <= set(listed)
    assert listed["cases"].endswith("/api/v1/cases/")
    for url in listed.values():  # every address it gives answers
        assert login("zy_leader").get(url).status_code == 200, url


@pytest.mark.django_db
def test_api_root_is_in_the_served_schema(org, login):
    schema = login("zy_leader").get("/api/schema/", {"format": "json"}).json()
    assert "get" in schema["paths"]["/api/v1/"]


@pytest.mark.django_db
def test_a_password_change_or_deactivation_revokes_api_tokens(org):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lh_judge")
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "lh_judge", "password": DEMO_PASSWORD}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/officers/").status_code == 200
    user.first_name = "王法官"
    user.save()  # other changes keep the token
    assert client.get("/api/v1/officers/").status_code == 200
    user.set_password("another-pass-2026")
    user.save()
    assert client.get("/api/v1/officers/").status_code == 401
    assert not Token.objects.filter(user=user).exists()

    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/officers/").status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/officers/").status_code == 401
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_the_password_change_page_revokes_api_tokens(org, login):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lh_judge")
    Token.objects.create(user=user)
    page = login("lh_judge").post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Haikou-new-2026!",
            "new_password2": "Haikou-new-2026!",
        },
    )
    assert page.status_code == 302
    assert not Token.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_each_login_issues_a_fresh_token_and_revokes_the_last(org):
    def token():
        response = APIClient().post(
            "/api/v1/auth/token/", {"username": "lh_judge", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200
        return response.json()["token"]

    first, second = token(), token()
    assert first != second
    old, new = APIClient(), APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    new.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert old.get("/api/v1/courts/").status_code == 401
    assert new.get("/api/v1/courts/").status_code == 200


@pytest.mark.django_db
def test_an_empty_choice_filter_is_in_the_schema_and_means_any(org, login):
    """?case_type= is read as "any" (the list page's 全部); the schema says so."""
    client = login("zy_leader")
    schema = client.get("/api/schema/", {"format": "json"}).json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/cases/"]["get"]["parameters"]}
    assert "" in params["case_type"]["schema"]["enum"]
    assert "执" in params["case_type"]["schema"]["enum"]
    assert client.get("/api/v1/cases/", {"case_type": ""}).status_code == 200
    assert client.get("/api/v1/cases/", {"case_type": "执X"}).status_code == 400


@pytest.mark.django_db
def test_the_browsable_api_names_resources_and_actions_in_chinese(org, login):
    """Those who build on the API browse it under the system's name, each resource
    by its model's Chinese name and each extra action by what it does
    (haikou_exec.api.view_name, the actions' ``name``)."""
    import re

    from rest_framework.routers import APIRootView

    client = login("xy_judge")
    listing = client.get("/api/v1/cases/", HTTP_ACCEPT="text/html").content.decode()
    assert "<title>执行案件 列表 – 海口法院执行管理系统 · 接口</title>" in listing
    assert "Django REST framework" not in listing
    assert client.options("/api/v1/cases/").json()["name"] == "执行案件 列表"
    from django.contrib.auth import get_user_model

    from tests.command_center.conftest import file_demo_case

    judge = get_user_model().objects.get(username="xy_judge")
    case = file_demo_case(judge, filed_on=date(2026, 9, 1)).pk
    detail = client.get(f"/api/v1/cases/{case}/", HTTP_ACCEPT="text/html").content.decode()
    assert "执行案件 详情" in detail and "接口目录" in detail
    assert ">流程节点<" in detail and ">执行款台账<" in detail  # the extra actions' menu
    # Every extra action of every resource is named in Chinese.
    from wiring.urls import api_router

    for prefix, viewset, _basename in api_router.registry:
        for extra in viewset.get_extra_actions():
            name = str(extra.kwargs.get("name", ""))
            assert re.search(r"[\u4e00-\u9fff]", name), (prefix, extra.__name__, name)
    assert issubclass(api_router.APIRootView, APIRootView)


@pytest.mark.django_db
def test_the_browsable_api_says_what_each_resource_is_for_in_chinese(org, login):
    """Each resource, and each action with its own description, says what it is for
    in the reader's language (``description_in_words``, haikou_exec.api
    .view_description); the docstrings stay the developers' English."""
    import re

    from django.utils import translation

    from haikou_exec.api import ApiRootView, ObtainExpiringAuthToken, view_description
    from wiring.urls import api_router

    def chinese(text) -> bool:
        return bool(re.search(r"[\u4e00-\u9fff]{4}", str(text)))

    said = 0
    with translation.override("zh-hans"):
        for prefix, viewset, _basename in api_router.registry:
            if (viewset.__doc__ or "").strip():
                assert chinese(viewset.description_in_words), prefix
                said += 1
            for extra in viewset.get_extra_actions():
                if extra.__doc__:  # its own description, not its resource's
                    words = extra.kwargs.get("description_in_words")
                    assert chinese(words), (prefix, extra.__name__)
                    said += 1
        for view in (ApiRootView, ObtainExpiringAuthToken):
            assert chinese(view_description(view())), view
    assert said > 30
    client = login("xy_judge")
    listing = client.get("/api/v1/cases/", HTTP_ACCEPT="text/html").content.decode()
    assert "职权范围内的执行案件" in listing
    assert "caller's scope" not in listing
    root = client.get("/api/v1/", HTTP_ACCEPT="text/html").content.decode()
    assert "接口的全部资源及其地址" in root
    # In English the same words in English.
    with translation.override("en"):
        from cases.api.views import EnforcementCaseViewSet

        assert str(EnforcementCaseViewSet.description_in_words).startswith("Cases in your scope")
