import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


MOVED = ["coach", "coaching", "coachinvitation", "consentevent", "comment", "suggestion", "review", "coachnote", "notification"]


def move_content_types(apps, schema_editor):
    """Hand planner's content types of the moved models to coaching, so permissions and admin history follow."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="coaching", model=model).exists():
            ContentType.objects.using(db).filter(app_label="planner", model=model).update(app_label="coaching")


def return_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label="planner", model=model).exists():
            ContentType.objects.using(db).filter(app_label="coaching", model=model).update(app_label="planner")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('planner', '0002_move_coaching_models_to_coaching'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables exist already (planner created them): declare the models, create nothing.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Coach',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('bio', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='about you as a coach')),
                        ('status', models.CharField(choices=[('applied', 'Applied'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='applied', max_length=8)),
                        ('applied_at', models.DateTimeField(auto_now_add=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='coach', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name_plural': 'coaches',
                        'db_table': 'planner_coach',
                        'ordering': ['-applied_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Coaching',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('invited', 'Waiting for an answer'), ('active', 'Active'), ('declined', 'Declined'), ('revoked', 'Ended')], default='invited', max_length=8)),
                        ('invited_by', models.CharField(choices=[('client', 'The client'), ('coach', 'The coach')], max_length=6)),
                        ('share_all', models.BooleanField(default=True, verbose_name='share all my plans')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('accepted_at', models.DateTimeField(blank=True, null=True)),
                        ('ended_at', models.DateTimeField(blank=True, null=True)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coachings', to=settings.AUTH_USER_MODEL)),
                        ('coach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='clientships', to=settings.AUTH_USER_MODEL)),
                        ('shared_plans', models.ManyToManyField(blank=True, related_name='coachings', to='planner.plan')),
                    ],
                    options={
                        'db_table': 'planner_coaching',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='CoachInvitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(max_length=32, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('expires_at', models.DateTimeField()),
                        ('used_at', models.DateTimeField(blank=True, null=True)),
                        ('coach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coach_invitations', to=settings.AUTH_USER_MODEL)),
                        ('used_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'planner_coachinvitation',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='CoachNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(validators=[django.core.validators.MaxLengthValidator(2000)])),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('client', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('coach', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'planner_coachnote',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Comment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(validators=[django.core.validators.MaxLengthValidator(2000)])),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('edited_at', models.DateTimeField(blank=True, null=True)),
                        ('deleted_at', models.DateTimeField(blank=True, null=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='replies', to='coaching.comment')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='planner.plan')),
                        ('step', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='comments', to='planner.planstep')),
                    ],
                    options={
                        'db_table': 'planner_comment',
                        'ordering': ['created_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='ConsentEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('invited', 'Invited'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('sharing', 'Changed what is shared'), ('revoked', 'Ended access')], max_length=8)),
                        ('detail', models.CharField(blank=True, max_length=500)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('coaching', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='coaching.coaching')),
                    ],
                    options={
                        'db_table': 'planner_consentevent',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('comment', 'Comment'), ('suggestion', 'Suggestion'), ('review', 'Review'), ('coaching', 'Coaching')], max_length=10)),
                        ('text', models.CharField(max_length=300)),
                        ('url', models.CharField(blank=True, max_length=300)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('read_at', models.DateTimeField(blank=True, null=True)),
                        ('actor', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'planner_notification',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Review',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('verdict', models.CharField(choices=[('good', 'Looks good'), ('changes', 'Needs changes')], max_length=7)),
                        ('message', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)])),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='planner.plan')),
                    ],
                    options={
                        'db_table': 'planner_review',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Suggestion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('add_step', 'Add a step'), ('date', "Change a step's date"), ('route', 'Take another route')], max_length=8)),
                        ('title', models.CharField(blank=True, max_length=200)),
                        ('step_kind', models.CharField(blank=True, choices=[('experience', 'Gain experience'), ('education', 'Earn a qualification'), ('certification', 'Get certified'), ('skill', 'Build a skill'), ('action', 'Take action')], max_length=14)),
                        ('target_date', models.DateField(blank=True, null=True)),
                        ('route', models.CharField(blank=True, max_length=2000)),
                        ('message', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)])),
                        ('status', models.CharField(choices=[('pending', 'Waiting for you'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='pending', max_length=8)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('move', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='planner.planrole')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='planner.plan')),
                        ('step', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='planner.planstep')),
                    ],
                    options={
                        'db_table': 'planner_suggestion',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='coaching',
                    constraint=models.CheckConstraint(condition=models.Q(('client', models.F('coach')), _negated=True), name='coaching_not_self'),
                ),
                migrations.AddConstraint(
                    model_name='coaching',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['invited', 'active'])), fields=('client', 'coach'), name='coaching_one_open_per_pair'),
                ),
                migrations.AddIndex(
                    model_name='notification',
                    index=models.Index(fields=['recipient', 'read_at'], name='notification_unread'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, return_content_types),
    ]
