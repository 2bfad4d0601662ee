from django.apps import AppConfig


class JobClusterConfig(AppConfig):
    name = "jobcluster"
    verbose_name = "Job Cluster"
