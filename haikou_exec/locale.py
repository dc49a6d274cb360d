"""The UI language: Chinese unless the user chose English with the language switch
(issue 16). Django's LocaleMiddleware also follows the browser's Accept-Language,
so a browser set to en-US got an English UI; the courts' staff read Chinese."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware, minus Accept-Language: the language cookie that the switch
    (``set_language``) sets, else LANGUAGE_CODE."""

    def process_request(self, request):
        if (
            request.path.startswith("/api/")
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
        ):
            # Programs negotiate the language of the API's messages as HTTP says.
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
