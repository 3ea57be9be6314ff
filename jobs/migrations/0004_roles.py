"""The Recruiter and Hiring manager groups with their model permissions."""
from django.contrib.auth.management import create_permissions
from django.db import migrations

RECRUITER = {
    "candidates": {
        "candidate": "view add change delete",
        "resume": "view add change delete",
        "note": "view add change delete",
        "tag": "view add change delete",
        "education": "view add change delete",
        "experience": "view add change delete",
        "possibleduplicate": "view add change delete",
        "activity": "view",
        "uploadbatch": "view add",
        "savedsearch": "view add change delete",
        "candidatelist": "view add change delete",
        "candidatelistentry": "view add change delete",
        "candidatemerge": "view add change",
        "bulkaction": "view add change",
    },
    "jobs": {
        "job": "view add change",
        "stage": "view add change delete",
        "reviewcriterion": "view add change delete",
        "application": "view add change delete",
        "stagechange": "view",
        "review": "view",
        "reviewrating": "view",
        "reviewrequest": "view add change delete",
        "notificationpreference": "view change",
    },
}
HIRING_MANAGER = {
    "candidates": {"candidate": "view", "resume": "view", "note": "view add", "education": "view", "experience": "view"},
    "jobs": {
        "job": "view",
        "stage": "view",
        "reviewcriterion": "view",
        "application": "view",
        "review": "view add change",
        "reviewrating": "view add change",
        "reviewrequest": "view",
        "notificationpreference": "view change",
    },
}
GROUPS = {"Recruiter": RECRUITER, "Hiring manager": HIRING_MANAGER}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, grants in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in grants.items()
            for model, actions in models.items()
            for action in actions.split()
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0003_reviews_and_notifications"),
        ("candidates", "0003_search_lists_merges_uploads"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
