from django.http import HttpRequest

from ats.core.access import is_hiring_manager, is_recruiter


def roles(request: HttpRequest) -> dict[str, bool]:
    user = request.user
    return {"is_recruiter": is_recruiter(user), "is_hiring_manager": is_hiring_manager(user)}
