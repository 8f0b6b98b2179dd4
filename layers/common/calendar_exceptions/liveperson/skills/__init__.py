"""Skills: LivePerson's routing units (`le-users/skills`), each with its own hours or the account's."""
