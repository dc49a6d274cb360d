"""The API shell: token auth with expiry, pagination, errors as JSON per field,
and the base viewset that applies the one restriction point."""

from __future__ import annotations

import re

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response
from rest_framework.routers import APIRootView
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import get_view_description, get_view_name

from courts.access import ADD, CHANGE, DELETE, VIEW
from haikou_exec.errors import validation_error_detail, validation_error_status


class ObtainExpiringAuthToken(ObtainAuthToken):
    """POST username and password; returns {"token": ...}. An expired token is replaced."""

    description_in_words = pgettext_lazy(
        "API description",
        "Sign in with a username and password to get an API token; an expired token is replaced.",
    )

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request, *args, **kwargs):
        serializer = self.serializer_class(data=request.data, context={"request": request})
        valid = serializer.is_valid()
        if getattr(request, "axes_locked_out", False) or getattr(
            request._request, "axes_locked_out", False
        ):
            return Response(
                {
                    "detail": _(
                        "Too many failed logins for this account from this address. Try again later."
                    )
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        if not valid:
            raise exceptions.ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        # Every login issues a fresh token and revokes the one before (a token that
        # leaked with an old script stops working at the next login). One token per
        # user is DRF's model: programs sharing an account share its token.
        with transaction.atomic():
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key})


def exception_handler(exc, context):
    """Validation failures are 400 (or 409 for conflicts) with a message per field, never 500."""
    if isinstance(exc, DjangoValidationError):
        # haikou_exec.errors: the one mapping (409 for a conflict with the data as it now is).
        converted = exceptions.ValidationError(detail=validation_error_detail(exc))
        converted.status_code = validation_error_status(exc)
        exc = converted
    elif isinstance(exc, ObjectDoesNotExist):
        # A service looked up an id that the input named but that does not exist
        # (or is out of the caller's scope): the input is wrong, not the server.
        return Response(
            {"non_field_errors": [str(_("A referenced object does not exist."))]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    elif isinstance(exc, IntegrityError):
        return Response(
            {"non_field_errors": [str(_("The change conflicts with existing data."))]},
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, Http404):
        # get_object_or_404's own words name the model in English ("No Team matches
        # the given query."), and an id outside the caller's scope is the same 404
        # (the restriction point): say both in the reader's language.
        exc = exceptions.NotFound(_("Not found, or not within what you may see."))
    elif isinstance(exc, exceptions.ParseError):
        # DRF passes on the JSON decoder's English ("Expecting property name enclosed
        # in double quotes: line 1 column 2"); keep where, in the reader's words.
        where = re.search(r"line (\d+) column (\d+)", str(exc.detail))
        exc = exceptions.ParseError(
            _("The request body is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": where[1], "column": where[2]}
            if where
            else _("The request body is not valid JSON.")
        )
    return drf_exception_handler(exc, context)


_METHOD_ACTION = {"POST": ADD, "PUT": CHANGE, "PATCH": CHANGE, "DELETE": DELETE}


class RestrictedViewSetMixin:
    """Every queryset comes from ``Model.objects.restrict(user, action)``.

    ``select_queryset`` is the selector hook (select_related etc.); subclasses set
    ``queryset`` only to name the model.
    """

    # Ids in URLs are digits: `/api/v1/equipment/abc/status/` is a 404, not a 500.
    lookup_value_regex = r"[0-9]+"
    # What the browsable API says the resource (or an action, ``@action(
    # description_in_words=…)``) is for, in the reader's language (view_description).
    description_in_words = None

    def get_queryset(self):
        action = (
            VIEW
            if self.request.method in SAFE_METHODS
            else _METHOD_ACTION.get(self.request.method, CHANGE)
        )
        model = self.queryset.model
        return self.select_queryset(model.objects.restrict(self.request.user, action))

    def select_queryset(self, queryset):
        return queryset


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    pass


SUFFIXES = {"List": _("list"), "Instance": _("detail")}


def view_name(view) -> str:
    """The name the browsable API and OPTIONS give a view (VIEW_NAME_FUNCTION): a
    resource by its model's Chinese name ("执行案件 列表"), not by its class name
    ("Enforcement Case List"); the root and other views as DRF names them, through
    our catalog."""
    if getattr(view, "name", None) is not None:  # set by the router or an action
        return str(view.name)
    queryset = getattr(view, "queryset", None)
    suffix = getattr(view, "suffix", None)
    if queryset is not None and suffix in SUFFIXES:
        return f"{queryset.model._meta.verbose_name} {SUFFIXES[suffix]}"
    if isinstance(view, APIRootView):
        return str(_("API root"))
    return get_view_name(view)


def view_description(view, html=False) -> str:
    """What the browsable API and OPTIONS say a view is for (VIEW_DESCRIPTION_FUNCTION):
    its ``description_in_words``, translated, where it has one (an action's own, else
    its resource's); otherwise DRF's reading of the docstring. The docstrings stay
    the developers' (and the OpenAPI schema's) English."""
    words = getattr(view, "description_in_words", None)
    if words is None:
        return get_view_description(view, html)
    return format_html("<p>{}</p>", words) if html else str(words)


class ApiRootView(APIRootView):
    """GET /api/v1/: every resource of the API with its address (DRF's root view,
    kept in the served schema)."""

    description_in_words = pgettext_lazy(
        "API description", "Every resource of the API with its address."
    )

    schema = AutoSchema()

    @extend_schema(
        summary="API 根目录：列出全部资源",
        responses={
            200: OpenApiResponse(
                response={
                    "type": "object",
                    "description": "资源名称 → 资源地址",
                    "additionalProperties": {"type": "string", "format": "uri"},
                },
                description="每个资源的名称与地址",
            )
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
