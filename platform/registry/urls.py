from django.urls import path

from . import views

app_name = "registry"

urlpatterns = [
    path("", views.my_declarations, name="mine"),
    path("nouvelle/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/modele.xlsx", views.download_xlsx, name="download_xlsx"),
    path("<int:pk>/modele-csv.zip", views.download_csv, name="download_csv"),
    path("<int:pk>/importer/", views.import_lines, name="import"),
    path("<int:pk>/soumettre/", views.submit, name="submit"),
    path("<int:pk>/nouvelle-version/", views.new_version, name="new_version"),
    path("observatoire/", views.queue, name="queue"),
    path("observatoire/<int:pk>/", views.review, name="review"),
    path("observatoire/completude/", views.completeness_report, name="completeness"),
]
