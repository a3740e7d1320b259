print("zhiku")
