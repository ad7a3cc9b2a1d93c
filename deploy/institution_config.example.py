"""Your institution's login instead of the roster's login codes.

Copy this file to ``institution_config.py`` (beside it; JupyterHub reads it last), keep ONE of the
two blocks below, fill in the values your LMS or identity provider gives you, and install the
authenticator it names into the course's environment:

    .venv/bin/pip install jupyterhub-ltiauthenticator      # block A
    .venv/bin/pip install oauthenticator                   # block B

Nothing else changes: every account still runs as a system user of its own (an id too long for a
user name is hashed into one), students still get their own lessons and my_work/, the hand-in store
still takes every student's identity from the hub, and the accounts named in COURSE_LECTURERS see
the class's hand-ins.
The roster and its codes are no longer used. Put the hub behind HTTPS first (both logins require it).
"""

# ruff: noqa: F821  (``c`` is given by JupyterHub)

# ---------------------------------------------------------------- A. LTI 1.3: students arrive from the LMS
# Register the hub as an LTI 1.3 tool in the LMS (Brightspace, Canvas, Moodle, Blackboard ...); the
# registration gives the issuer, the client id and the platform's endpoints. Students then open the
# course from a link in the LMS and are logged in; the hub's own login page no longer works.
c.JupyterHub.authenticator_class = "ltiauthenticator.lti13.auth.LTI13Authenticator"
c.LTI13Authenticator.issuer = "https://lms.example.edu"
c.LTI13Authenticator.client_id = ["client-id-from-the-lms"]
c.LTI13Authenticator.authorize_url = "https://lms.example.edu/auth/login"
c.LTI13Authenticator.jwks_endpoint = "https://lms.example.edu/.well-known/jwks.json"
c.LTI13Authenticator.username_key = "sub"  # an opaque id: hub accounts carry no names
# the lecturers' accounts are then those ids too: set COURSE_LECTURERS to them
c.Authenticator.allow_all = True  # everyone the LMS sends (the course's enrolment) may log in

# ---------------------------------------------------------------- B. OAuth: the institution's accounts
# For example Microsoft Entra ID (Azure AD); oauthenticator also has GitHub, Google, GitLab, and a
# generic OpenID Connect authenticator for other providers.
# c.JupyterHub.authenticator_class = "azuread"
# c.AzureAdOAuthenticator.tenant_id = "your-tenant-id"
# c.AzureAdOAuthenticator.client_id = "app-registration-client-id"
# c.AzureAdOAuthenticator.client_secret = "app-registration-secret"
# c.AzureAdOAuthenticator.oauth_callback_url = "https://hub.example.edu/hub/oauth_callback"
# c.AzureAdOAuthenticator.allowed_groups = {"group-id-of-this-course"}
# c.AzureAdOAuthenticator.manage_groups = True
